package dev.sslplane.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI's bearer token comes from: {@code --token-file}, else {@code SSLPLANE_TOKEN_FILE}, else
 * {@code SSLPLANE_TOKEN}. Never from an argument: arguments are visible to every user of the machine ({@code ps})
 * and end up in shell history.
 */
final class TokenSource {

    static final String TOKEN_ENV = "SSLPLANE_TOKEN";
    static final String TOKEN_FILE_ENV = "SSLPLANE_TOKEN_FILE";

    /** No usable token; the message says where to put one and never shows a token. */
    static final class MissingTokenException extends RuntimeException {
        MissingTokenException(String message) {
            super(message);
        }
    }

    private TokenSource() {
    }

    static String resolve(Path tokenFile, Map<String, String> env) {
        if (tokenFile != null) {
            return read(tokenFile, "--token-file");
        }
        String fromEnvFile = env.get(TOKEN_FILE_ENV);
        if (fromEnvFile != null && !fromEnvFile.isBlank()) {
            return read(Path.of(fromEnvFile), TOKEN_FILE_ENV);
        }
        String token = env.get(TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        throw new MissingTokenException("no API token: set " + TOKEN_ENV + ", or put the token in a file and set "
                + TOKEN_FILE_ENV + " or pass --token-file FILE");
    }

    /** The token in a file, if it can be read: only to mask it in output, before any argument is parsed. */
    static String peek(Path file) {
        try {
            return file != null && Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String read(Path file, String source) {
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new MissingTokenException("the token file named by " + source + " (" + file + ") is empty");
            }
            return token;
        } catch (IOException e) {
            throw new MissingTokenException("cannot read the token file named by " + source + " (" + file + "): "
                    + e.getClass().getSimpleName());
        }
    }
}
