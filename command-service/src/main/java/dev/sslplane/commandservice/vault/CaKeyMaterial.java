package dev.sslplane.commandservice.vault;

/**
 * What the vault keeps for one operation: the CA certificate (public, stored in clear) and the CA private key
 * (PKCS#8 DER, stored only encrypted).
 */
public record CaKeyMaterial(String certificatePem, byte[] privateKeyPkcs8) {

    @Override
    public String toString() {
        return "CaKeyMaterial[certificate, private key <hidden>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaKeyMaterial that && certificatePem.equals(that.certificatePem)
                && java.util.Arrays.equals(privateKeyPkcs8, that.privateKeyPkcs8);
    }

    @Override
    public int hashCode() {
        return certificatePem.hashCode();
    }
}
