package dev.sslplane.worker.signing;

/** The signer refused the CSR; {@code code} is its stable problem code. */
public class SigningRefusedException extends RuntimeException {

    private final String code;

    public SigningRefusedException(String code, String detail) {
        super("certificate signing refused: " + code + (detail == null ? "" : ": " + detail));
        this.code = code;
    }

    public String code() {
        return code;
    }
}
