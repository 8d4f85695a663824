package dev.sslplane.worker.node.systemd;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.worker.node.MongodConfig;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/** One host of an instance as its target describes it, and what the operator does there. */
final class SystemdHostSession {

    private final EngineVersion engine;
    private final SystemdTarget target;
    private final SystemdHost host;
    private final SystemdSettings settings;

    SystemdHostSession(EngineVersion engine, SystemdTarget target, SystemdHost host, SystemdSettings settings) {
        this.engine = engine;
        this.target = target;
        this.host = host;
        this.settings = settings;
    }

    SshLogin login() {
        return new SshLogin(host.host(), host.sshPort(), target.user(),
                credential("privateKeyFile", target.privateKeyFile()),
                credential("knownHostsFile", target.knownHostsFile()));
    }

    String tlsDirectory() {
        return host.tlsDirectory();
    }

    /** Runs a file command and returns what it printed; a failure says what, where and why. */
    String run(HostShell shell, String what, String script, String stdin) {
        HostShell.Result result = shell.run(HostScripts.command(script, target.useSudo()), stdin,
                settings.commandTimeout());
        if (!result.succeeded()) {
            throw HostFailures.of(shell.host(), what, result);
        }
        return result.stdout();
    }

    /** Installs the chain for the pending key; the file is named by the certificate's serial. */
    String installCertificate(HostShell shell, String chainPem) {
        String file = "node-" + leaf(chainPem).getSerialNumber().toString(16) + ".pem";
        run(shell, "writing the certificate key file", HostScripts.installCertificate(host.tlsDirectory(), file,
                target.useSudo()), chainPem);
        return host.tlsDirectory() + "/" + file;
    }

    /** Installs a CA file named by its content's digest. */
    String installCa(HostShell shell, String pem) {
        String file = "ca-" + digest(pem) + ".pem";
        run(shell, "writing the CA file", HostScripts.installCa(host.tlsDirectory(), file, target.useSudo()), pem);
        return host.tlsDirectory() + "/" + file;
    }

    /** The config file with {@code config} applied, written in place; the file is unchanged if this fails. */
    void writeConfig(HostShell shell, NodeTlsConfig config, MongodConfig.Files files) {
        String current = run(shell, "reading the mongod config file", HostScripts.read(host.configPath()), null);
        String rendered;
        try {
            rendered = MongodConfig.render(current, config, files);
        } catch (IllegalArgumentException e) {
            throw new NodeOperatorException(host.configPath() + " on " + shell.host() + ": " + e.getMessage()
                    + " (the file was not changed)", false);
        }
        run(shell, "writing the mongod config file (not changed)", HostScripts.writeConfig(host.configPath()),
                rendered);
    }

    /**
     * Restarts the service. If it does not start, or the restart does not finish in time, the previous config
     * file goes back and the service is restarted with it before the failure is reported.
     */
    void restartOrRollBack(HostShell shell) {
        HostShell.Result result;
        try {
            result = shell.run(restartCommand(), null, settings.restartTimeout());
        } catch (HostShell.CommandTimeoutException e) {
            throw SystemdNodeOperator.startFailed("restarting " + host.serviceName() + ": " + e.getMessage() + "; "
                    + rollBack(shell));
        }
        if (!result.succeeded()) {
            String reason = HostFailures.lastLines(result.stderr() + "\n" + result.stdout() + "\n"
                    + journal(shell));
            String what = reason.contains("sudo:") ? "sudo refused the restart command on "
                    : "mongod did not start with the new config on ";
            throw SystemdNodeOperator.startFailed(what + shell.host() + ": " + reason + "; " + rollBack(shell));
        }
    }

    private String rollBack(HostShell shell) {
        try {
            run(shell, "restoring the previous config file", HostScripts.restoreConfig(host.configPath()), null);
        } catch (NodeOperatorException e) {
            return "the previous config file could NOT be restored: " + e.getMessage();
        }
        HostShell.Result again;
        try {
            again = shell.run(restartCommand(), null, settings.restartTimeout());
        } catch (NodeOperatorException e) {
            return "the previous config file is back, but restarting with it failed too: " + e.getMessage();
        }
        return again.succeeded() ? "the previous config file is back and mongod runs with it"
                : "the previous config file is back, but mongod did not start with it either: "
                        + HostFailures.lastLines(again.stderr() + "\n" + again.stdout());
    }

    private String restartCommand() {
        return (target.useSudo() ? "sudo -n " : "") + target.restartCommandFor(host.serviceName());
    }

    private String journal(HostShell shell) {
        if (target.restartCommand() != null) {
            return "";
        }
        return shell.run(HostScripts.command(HostScripts.journal(host.serviceName()), target.useSudo()), null,
                settings.commandTimeout()).stdout();
    }

    List<String> trustedCaSerials(HostShell shell) {
        String config = run(shell, "reading the mongod config file", HostScripts.read(host.configPath()), null);
        String caFile;
        try {
            caFile = MongodConfig.caFile(config).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new NodeOperatorException(host.configPath() + " on " + shell.host() + ": " + e.getMessage(), false);
        }
        if (caFile == null) {
            return List.of();
        }
        String pem = run(shell, "reading the CA file", HostScripts.read(caFile), null);
        return certificates(pem).stream().map(c -> c.getSerialNumber().toString(16)).toList();
    }

    private Path credential(String field, String value) {
        Path path = Path.of(value).normalize();
        Path allowed = settings.credentialsDirectory().toAbsolutePath().normalize();
        if (!path.startsWith(allowed)) {
            throw new NodeOperatorException("operator.systemd." + field + " " + value + " is outside the worker's"
                    + " credentials directory " + allowed + " (sslplane.worker.systemd.credentials-directory)", false);
        }
        return path;
    }

    private static X509Certificate leaf(String chainPem) {
        List<X509Certificate> chain = certificates(chainPem);
        if (chain.isEmpty()) {
            throw new NodeOperatorException("the signed chain holds no certificate", false);
        }
        return chain.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(String pem) {
        try {
            return (List<X509Certificate>) (List<?>) List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException e) {
            throw new NodeOperatorException("not PEM certificates: " + e.getMessage(), false);
        }
    }

    private static String digest(String pem) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(pem.strip().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
