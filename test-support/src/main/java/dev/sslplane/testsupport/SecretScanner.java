package dev.sslplane.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets where they must never be: each secret is a named byte sequence, searched in text and in raw
 * bytes (Kafka records, BSON documents), so a secret stored as a binary field is found as well as one in a string.
 */
public final class SecretScanner {

    /** Any PEM private key (PKCS#8, RSA, EC, encrypted). */
    public static final String PRIVATE_KEY_MARKER = "PRIVATE KEY-----";

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----(.*?)-----END \\1PRIVATE KEY-----", Pattern.DOTALL);

    /** A place and the secret found there (by name, never the secret itself). */
    public record Finding(String where, String secret) {
    }

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int scanned;

    public SecretScanner() {
        secrets.put("PEM private key marker", PRIVATE_KEY_MARKER.getBytes(StandardCharsets.US_ASCII));
    }

    /** A secret as text; also its UTF-8 bytes. */
    public SecretScanner text(String name, String secret) {
        if (secret == null || secret.length() < 8) {
            throw new IllegalArgumentException(name + " is too short to search for without false alarms");
        }
        secrets.put(name, secret.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A base64 secret (a key file's content): its text and the raw bytes it encodes. */
    public SecretScanner base64(String name, String base64) {
        text(name, base64);
        secrets.put(name + " (raw bytes)", Base64.getDecoder().decode(base64));
        return this;
    }

    /**
     * Every private key in a PEM file: each full 64-character line of its base64 body (found however a leak
     * re-wraps the key), the body without line breaks, and the DER bytes.
     */
    public int privateKeysIn(String name, String pem) {
        Matcher matcher = PEM_KEY.matcher(pem);
        int keys = 0;
        while (matcher.find()) {
            keys++;
            String body = matcher.group(2).replaceAll("\\s", "");
            secrets.put(name + "#" + keys + " (base64 body)", body.getBytes(StandardCharsets.US_ASCII));
            secrets.put(name + "#" + keys + " (DER)", Base64.getDecoder().decode(body));
            for (int i = 0; i + 64 <= body.length(); i += 64) {
                secrets.put(name + "#" + keys + " (base64 line " + (i / 64 + 1) + ")",
                        body.substring(i, i + 64).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return keys;
    }

    public void scan(String where, String text) {
        if (text != null) {
            scan(where, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void scan(String where, byte[] bytes) {
        scanned++;
        if (bytes == null) {
            return;
        }
        secrets.forEach((name, secret) -> {
            if (indexOf(bytes, secret) >= 0) {
                findings.add(new Finding(where, name));
            }
        });
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** How many texts or byte arrays were scanned. */
    public int scanned() {
        return scanned;
    }

    public int secretCount() {
        return secrets.size();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
