package dev.sslplane.worker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server (Apache MINA SSHD) on loopback, standing in for a mongod host: host-key and public-key
 * authentication only, and every command run by {@code /bin/sh -c} as a real process on this machine, as
 * sshd runs it with the user's login shell. A user other than the JVM's own runs as that OS account (with
 * {@code runuser}, when the JVM is root), so file permissions apply as on a host. Every command, its input and
 * its output are kept as the transcript.
 */
public final class SshHost implements AutoCloseable {

    /** One command as the host saw it. */
    public record Exchange(String user, String command, String stdin, String stdout, String stderr, int exit) {
    }

    private final SshServer server;
    private final KeyPair hostKey;
    private final KeyPair rsaHostKey;
    private final Path privateKeyFile;
    private final Path knownHostsFile;
    private final List<Exchange> transcript = new CopyOnWriteArrayList<>();

    private SshHost(SshServer server, KeyPair hostKey, KeyPair rsaHostKey, Path privateKeyFile, Path knownHostsFile) {
        this.server = server;
        this.hostKey = hostKey;
        this.rsaHostKey = rsaHostKey;
        this.privateKeyFile = privateKeyFile;
        this.knownHostsFile = knownHostsFile;
    }

    /** Starts on a free loopback port; writes the client's key and a known-hosts file with this host into {@code dir}. */
    public static SshHost start(Path dir) throws IOException, GeneralSecurityException {
        KeyPair hostKey = ecKey();
        // a second host key, as hosts have several: a client asks for the type it prefers unless it knows better
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaHostKey = rsa.generateKeyPair();
        KeyPair clientKey = ecKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey, rsaHostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        Files.createDirectories(dir);
        Path privateKeyFile = dir.resolve("id_ecdsa");
        try (OutputStream out = Files.newOutputStream(privateKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "sslplane-worker", null, out);
        }
        var host = new SshHost(server, hostKey, rsaHostKey, privateKeyFile, dir.resolve("known_hosts"));
        server.setCommandFactory((channel, command) -> host.new ShellCommand(command));
        server.start();
        host.writeKnownHosts(hostKey);
        return host;
    }

    public int port() {
        return server.getPort();
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public Path knownHostsFile() {
        return knownHostsFile;
    }

    public List<Exchange> transcript() {
        return List.copyOf(transcript);
    }

    /** The known-hosts file says this host has another key: what a reinstalled host or a man in the middle shows. */
    public void knownHostsExpectAnotherKey() throws GeneralSecurityException, IOException {
        writeKnownHosts(ecKey());
    }

    /** The known-hosts file knows no key for this host. */
    public void knownHostsForgetThisHost() throws IOException {
        Files.writeString(knownHostsFile, "");
    }

    public void knownHostsTrustThisHost() throws IOException {
        writeKnownHosts(hostKey);
    }

    /** A known-hosts file that holds this host's RSA key only, not the ECDSA one clients prefer. */
    public Path knownHostsWithItsRsaKeyOnly(Path file) throws IOException {
        return Files.writeString(file, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(rsaHostKey.getPublic())
                + "\n");
    }

    private void writeKnownHosts(KeyPair key) throws IOException {
        Files.writeString(knownHostsFile, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic())
                + "\n");
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Thread daemon(Runnable work) {
        var thread = new Thread(work, "ssh-host");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One exec request: a process, its streams copied, its exit status returned. */
    private final class ShellCommand implements Command {

        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            String user = channel.getSession().getUsername();
            var argv = new ArrayList<String>();
            if (!user.equals(System.getProperty("user.name")) && "root".equals(System.getProperty("user.name"))) {
                argv.addAll(List.of("runuser", "-u", user, "--"));
            }
            argv.addAll(List.of("/bin/sh", "-c", command));
            daemon(() -> run(user, argv));
        }

        private void run(String user, List<String> argv) {
            int status;
            var stdin = new ByteArrayOutputStream();
            var stdout = new ByteArrayOutputStream();
            var stderr = new ByteArrayOutputStream();
            try {
                process = new ProcessBuilder(argv).start();
                Thread pumpIn = daemon(() -> copy(in, stdin, process.getOutputStream()));
                Thread pumpErr = daemon(() -> copy(process.getErrorStream(), stderr, null));
                copy(process.getInputStream(), stdout, null);
                status = process.waitFor();
                pumpErr.join();
                pumpIn.join(1000);
                out.write(stdout.toByteArray());
                out.flush();
                err.write(stderr.toByteArray());
                err.flush();
            } catch (IOException | InterruptedException e) {
                status = 255;
            }
            transcript.add(new Exchange(user, command, stdin.toString(StandardCharsets.UTF_8),
                    stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), status));
            exit.onExit(status);
        }

        /** Copies {@code from} into {@code copy} and, when given, {@code to} (closed at the end of input). */
        private static void copy(InputStream from, ByteArrayOutputStream copy, OutputStream to) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    copy.write(buffer, 0, n);
                    if (to != null) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process or the channel went away: what was read is what the transcript shows
            } finally {
                if (to != null) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // the process ended before reading all of its input
                    }
                }
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process running = process;
            if (running != null) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
            }
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }
    }
}
