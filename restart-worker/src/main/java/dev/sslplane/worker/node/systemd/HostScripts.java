package dev.sslplane.worker.node.systemd;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The POSIX shell the operator runs on a host, one script per command, each run as {@code sh -c '...'} (after
 * {@code sudo -n} when the target says so). Content (certificates, config text) arrives on standard input, never
 * on a command line. Every file is written next to its final name and renamed over it, so a host never holds
 * half a file; keys and certificates are written with umask 077.
 *
 * <p>Files in the TLS directory: {@value #PENDING_KEY} (the key of the last CSR, made here and never read out),
 * {@code node-<serial>.pem} (that key followed by the certificate chain, as mongod's PEMKeyFile /
 * certificateKeyFile wants it) and {@code ca-<digest>.pem}. A config change names new files instead of
 * overwriting the ones mongod runs with, so restoring the previous config file restores everything.
 */
final class HostScripts {

    static final String PENDING_KEY = "node-key.pending.pem";
    static final String PREVIOUS = ".sslplane-previous";
    private static final String NEW = ".sslplane-new";
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");

    private HostScripts() {
    }

    /** The command line for {@code script}. */
    static String command(String script, boolean sudo) {
        return (sudo ? "sudo -n " : "") + "sh -c " + quote(script);
    }

    /**
     * Makes a fresh RSA key in {@code dir} (owner-only) and prints only its CSR. The request is described in a
     * config file rather than with {@code -addext}, so that the OpenSSL 1.0 of older hosts makes it too.
     */
    static String createCsr(String dir, String instanceId, String node, List<String> subjectAltNames) {
        String sans = subjectAltNames.stream().map(n -> (IP.matcher(n).matches() ? "IP:" : "DNS:") + n)
                .collect(Collectors.joining(","));
        String request = "[req]\ndistinguished_name=dn\nreq_extensions=ext\nprompt=no\n"
                + "[dn]\nO=sslplane\nOU=" + instanceId + "\nCN=" + node + "\n[ext]\nsubjectAltName=" + sans + "\n";
        return "set -e; umask 077; mkdir -p " + quote(dir) + "; cd " + quote(dir) + "\n"
                + "printf %s " + quote(request) + " > csr.cnf\n"
                + "if ! openssl req -new -newkey rsa:2048 -nodes -keyout " + PENDING_KEY + NEW
                + " -config csr.cnf -out csr.pem 2>csr.err; then\n"
                + "  cat csr.err >&2; rm -f " + PENDING_KEY + NEW + " csr.cnf csr.pem csr.err; exit 1\n"
                + "fi\n"
                + "mv -f " + PENDING_KEY + NEW + " " + PENDING_KEY + "\n"
                + "cat csr.pem; rm -f csr.cnf csr.pem csr.err";
    }

    /**
     * Writes {@code file} (in {@code dir}) as the pending key followed by the chain on standard input, and drops
     * the pending key. Done before (the file exists and no key is pending): nothing to do, so a retried step
     * passes; no key at all: exit 3, the certificate is for a CSR this host did not make.
     */
    static String installCertificate(String dir, String file, boolean chown) {
        return "set -e; umask 077; cd " + quote(dir) + "\n"
                + "if [ ! -f " + PENDING_KEY + " ] && [ -f " + quote(file) + " ]; then cat >/dev/null; exit 0; fi\n"
                + "[ -f " + PENDING_KEY + " ] || { echo 'no key is waiting for a certificate here: request a CSR"
                + " first' >&2; exit 3; }\n"
                + "trap 'rm -f " + quote(file) + NEW + "' EXIT\n"
                + "{ cat " + PENDING_KEY + "; cat; } > " + quote(file) + NEW + "\n"
                + (chown ? "chown --reference=. " + quote(file) + NEW + "\n" : "")
                + "mv -f " + quote(file) + NEW + " " + quote(file) + "\n"
                + "rm -f " + PENDING_KEY;
    }

    /** Writes standard input as {@code file} in {@code dir}, owner-only. */
    static String installCa(String dir, String file, boolean chown) {
        return "set -e; umask 077; mkdir -p " + quote(dir) + "; cd " + quote(dir) + "\n"
                + "trap 'rm -f " + quote(file) + NEW + "' EXIT\n"
                + "cat > " + quote(file) + NEW + "\n"
                + (chown ? "chown --reference=. " + quote(file) + NEW + "\n" : "")
                + "mv -f " + quote(file) + NEW + " " + quote(file);
    }

    static String read(String file) {
        return "cat " + quote(file);
    }

    /**
     * Replaces {@code config} by standard input, with the same owner and mode. The file it replaces is kept as
     * {@code <config>}{@value #PREVIOUS}, unless the content is the same (a retried step keeps the older one).
     */
    static String writeConfig(String config) {
        String c = quote(config);
        String next = quote(config + NEW);
        return "set -e; [ -f " + c + " ] || { echo " + quote(config + ": No such file or directory") + " >&2;"
                + " exit 4; }\n"
                + "trap 'rm -f " + next + "' EXIT\n"
                + "cat > " + next + "\n"
                + "chmod --reference=" + c + " " + next + "; chown --reference=" + c + " " + next + " 2>/dev/null"
                + " || true\n"
                + "cmp -s " + next + " " + c + " || cp -p " + c + " " + quote(config + PREVIOUS) + "\n"
                + "mv -f " + next + " " + c;
    }

    /** Puts the kept previous config file back, keeping it as the previous one too. */
    static String restoreConfig(String config) {
        String previous = quote(config + PREVIOUS);
        String next = quote(config + NEW);
        return "set -e; [ -f " + previous + " ] || { echo 'no previous config file is kept' >&2; exit 5; }\n"
                + "trap 'rm -f " + next + "' EXIT\n"
                + "cp -p " + previous + " " + next + "\n"
                + "mv -f " + next + " " + quote(config);
    }

    /** The unit's last log lines, for a failed start's reason; empty where there is no journal. */
    static String journal(String service) {
        return "journalctl -u " + quote(service) + " -n 10 --no-pager -o cat 2>/dev/null || true";
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
