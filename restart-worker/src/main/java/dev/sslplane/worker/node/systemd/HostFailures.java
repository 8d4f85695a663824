package dev.sslplane.worker.node.systemd;

import dev.sslplane.worker.node.NodeOperatorException;

/** Names what went wrong in a command that failed on a host, from what the host said. */
final class HostFailures {

    private static final int MAX_REASON = 400;

    private HostFailures() {
    }

    /** A final failure of {@code what} on {@code host}, its reason the host's own words. */
    static NodeOperatorException of(String host, String what, HostShell.Result result) {
        String said = lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr());
        String kind;
        if (said.contains("No space left on device")) {
            kind = "disk full";
        } else if (said.contains("Permission denied") || said.contains("Operation not permitted")
                || said.contains("Read-only file system")) {
            kind = "permission denied";
        } else if (said.contains("a password is required") || said.contains("a terminal is required")
                || said.contains("must have a tty")) {
            kind = "sudo refused (give the user a NOPASSWD rule for these commands, without requiretty)";
        } else {
            kind = "failed (exit " + result.exitStatus() + ")";
        }
        return new NodeOperatorException(what + " on " + host + ": " + kind + ": " + said, false);
    }

    /** The end of what a command said, on one line and bounded: the reason is usually last. */
    static String lastLines(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() <= MAX_REASON ? line : "..." + line.substring(line.length() - MAX_REASON);
    }
}
