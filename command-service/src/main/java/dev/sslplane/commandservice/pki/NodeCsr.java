package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;

/**
 * A node's PKCS#10 request, checked before anything is signed: it parses, its signature verifies (the node holds
 * the key), its key is at least RSA 2048 / EC P-256, and it asks only for names registered for the node.
 */
final class NodeCsr {

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_FIELD_BITS = 256;

    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;

    private NodeCsr(PKCS10CertificationRequest request, PublicKey publicKey) {
        this.request = request;
        this.publicKey = publicKey;
    }

    /** Parses and verifies signature and key strength; SANs are checked by {@link #subjectAltNamesWithin}. */
    static NodeCsr parseAndVerify(String pem) {
        PKCS10CertificationRequest request = parse(pem);
        PublicKey key;
        try {
            // Convert first: the JDK's KeyFactory does not know EC keys by their SubjectPublicKeyInfo OID.
            key = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
        } catch (Exception e) {
            throw new DomainException(ErrorCode.CSR_WEAK_KEY, "unsupported key in CSR; use RSA >= 2048 or EC >= P-256");
        }
        try {
            boolean valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
            if (!valid) {
                throw new DomainException(ErrorCode.CSR_INVALID, "the CSR's signature does not verify");
            }
        } catch (DomainException e) {
            throw e;
        } catch (Exception e) {
            throw new DomainException(ErrorCode.CSR_INVALID, "the CSR's signature cannot be verified: "
                    + e.getClass().getSimpleName());
        }
        requireStrong(key);
        return new NodeCsr(request, key);
    }

    private static PKCS10CertificationRequest parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new DomainException(ErrorCode.CSR_INVALID, "csrPem is empty");
        }
        Object parsed;
        Object more;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
            more = parser.readObject();
        } catch (Exception e) {
            // Malformed base64 or DER: BC throws IOExceptions and runtime decoding exceptions alike.
            throw new DomainException(ErrorCode.CSR_INVALID, "csrPem is not a readable PEM PKCS#10 request");
        }
        if (!(parsed instanceof PKCS10CertificationRequest request)) {
            throw new DomainException(ErrorCode.CSR_INVALID,
                    "csrPem holds no PKCS#10 request (expected -----BEGIN CERTIFICATE REQUEST-----)");
        }
        if (more != null) {
            // One CSR per node: a second PEM block would otherwise be ignored silently.
            throw new DomainException(ErrorCode.CSR_INVALID, "csrPem must hold exactly one PEM block");
        }
        return request;
    }

    private static void requireStrong(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new DomainException(ErrorCode.CSR_WEAK_KEY,
                        "RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " required",
                        Map.of("keyAlgorithm", "RSA-" + bits));
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_FIELD_BITS) {
                throw new DomainException(ErrorCode.CSR_WEAK_KEY,
                        "EC key on a " + bits + "-bit curve; at least P-256 required",
                        Map.of("keyAlgorithm", "EC-" + bits));
            }
            return;
        }
        throw new DomainException(ErrorCode.CSR_WEAK_KEY,
                key.getAlgorithm() + " keys are not accepted; use RSA >= 2048 or EC >= P-256");
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /**
     * The requested SANs, each one of the node's registered names, as they go into the certificate (IP literals
     * as iPAddress, names as dNSName). Refuses a request without SANs or with any name not registered.
     */
    List<GeneralName> subjectAltNamesWithin(List<String> registeredNames) {
        Set<String> registeredDns = new LinkedHashSet<>();
        Set<InetAddress> registeredIps = new LinkedHashSet<>();
        for (String name : registeredNames) {
            InetAddress ip = ipLiteral(name);
            if (ip != null) {
                registeredIps.add(ip);
            } else {
                registeredDns.add(normalizeDns(name));
            }
        }
        GeneralNames requested = requestedSubjectAltNames();
        if (requested == null || requested.getNames().length == 0) {
            throw new DomainException(ErrorCode.CSR_SAN_MISMATCH, "the CSR requests no subject alternative names",
                    Map.of("allowed", registeredNames));
        }
        Set<String> seen = new LinkedHashSet<>();
        List<GeneralName> granted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (GeneralName name : requested.getNames()) {
            InetAddress ip = null;
            String dns = null;
            if (name.getTagNo() == GeneralName.iPAddress) {
                ip = ipFromOctets(ASN1OctetString.getInstance(name.getName()).getOctets());
            } else if (name.getTagNo() == GeneralName.dNSName) {
                String value = ((ASN1String) name.getName()).getString();
                ip = ipLiteral(value);
                dns = ip == null ? normalizeDns(value) : null;
            }
            if (ip != null && registeredIps.contains(ip)) {
                if (seen.add("ip:" + ip.getHostAddress())) {
                    granted.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
                }
            } else if (dns != null && registeredDns.contains(dns)) {
                if (seen.add("dns:" + dns)) {
                    granted.add(new GeneralName(GeneralName.dNSName, dns));
                }
            } else {
                refused.add(describe(name));
            }
        }
        if (!refused.isEmpty()) {
            throw new DomainException(ErrorCode.CSR_SAN_MISMATCH,
                    "the CSR requests names not registered for the node: " + refused,
                    Map.of("refused", refused, "allowed", registeredNames));
        }
        return granted;
    }

    private GeneralNames requestedSubjectAltNames() {
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                Extensions extensions;
                try {
                    extensions = Extensions.getInstance(value);
                } catch (IllegalArgumentException e) {
                    throw new DomainException(ErrorCode.CSR_INVALID, "the CSR's extension request is malformed");
                }
                GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (names != null) {
                    return names;
                }
            }
        }
        return null;
    }

    private static String describe(GeneralName name) {
        if (name.getTagNo() == GeneralName.iPAddress) {
            InetAddress ip = ipFromOctets(ASN1OctetString.getInstance(name.getName()).getOctets());
            return "IP:" + (ip == null ? "?" : ip.getHostAddress());
        }
        if (name.getTagNo() == GeneralName.dNSName) {
            return "DNS:" + ((ASN1String) name.getName()).getString();
        }
        return "type " + name.getTagNo() + " (only DNS names and IP addresses are allowed)";
    }

    private static String normalizeDns(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** An IP address if the text is an IPv4/IPv6 literal; never a DNS lookup. */
    static InetAddress ipLiteral(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!IPAddress.isValid(value)) {
            return null;
        }
        try {
            return InetAddress.getByName(value); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress ipFromOctets(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            return null;
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
