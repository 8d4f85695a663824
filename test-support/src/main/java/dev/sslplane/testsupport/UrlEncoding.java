package dev.sslplane.testsupport;

import java.nio.charset.StandardCharsets;

/** URL parts built from hostile input exactly as a test means them, for the services' hostile-input suites. */
public final class UrlEncoding {

    private static final String UNRESERVED = "-._~";

    private UrlEncoding() {
    }

    /** Percent-encodes what a URL path cannot carry raw, but keeps existing %XX escapes (the trick under test). */
    public static String pathSegment(String id) {
        StringBuilder out = new StringBuilder();
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            boolean escape = b == '%' && i + 2 < utf8.length && isHex(utf8[i + 1]) && isHex(utf8[i + 2]);
            if (escape || unreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    /** Percent-encodes every byte that is not unreserved: the value arrives exactly as generated. */
    public static String queryValue(String value) {
        StringBuilder out = new StringBuilder();
        for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (unreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int b) {
        return b < 0x80 && (Character.isLetterOrDigit(b) || UNRESERVED.indexOf(b) >= 0);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
