package dev.sslplane.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Everything the CLI prints passes through here: text is held until a line ends (or a flush), and every known
 * secret in it is replaced before it reaches the terminal. A last line of defence: the CLI never prints its token
 * on purpose, but an error message of a library or a service that echoed input could.
 */
final class RedactingWriter extends Writer {

    static final String MASK = "[redacted]";

    private final Writer target;
    private final Set<String> secrets;
    private final StringBuilder pending = new StringBuilder();

    RedactingWriter(Writer target, Set<String> secrets) {
        this.target = target;
        this.secrets = secrets;
    }

    /** A set to share between writers and the code that learns secrets (thread-safe). */
    static Set<String> newSecretSet() {
        return new CopyOnWriteArraySet<>();
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) throws IOException {
        pending.append(buffer, offset, length);
        int newline = pending.lastIndexOf("\n");
        if (newline >= 0) {
            String lines = pending.substring(0, newline + 1);
            pending.delete(0, newline + 1);
            target.write(redact(lines));
            target.flush(); // progress lines must show while an operation runs, in a pipe too
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (pending.length() > 0) {
            target.write(redact(pending.toString()));
            pending.setLength(0);
        }
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            // short values would mask ordinary words; real tokens are long
            if (secret != null && secret.length() >= 8) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
