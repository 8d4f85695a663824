package dev.sslplane.contracts.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the {@code systemd} operator reaches an instance's hosts over SSH and where mongod keeps its files there.
 * Credentials are never part of a registration: {@code privateKeyFile} and {@code knownHostsFile} name files on
 * the worker. Host keys are always verified against {@code knownHostsFile}.
 *
 * @param user           the SSH user on every host
 * @param privateKeyFile absolute path, on the worker, of the SSH private key
 * @param knownHostsFile absolute path, on the worker, of the known-hosts file holding every host's key
 * @param sudo           prefix file writes and the restart with {@code sudo -n} (default no)
 * @param restartCommand the restart command, {@code {service}} standing for the service name (default
 *                       {@link #DEFAULT_RESTART})
 * @param configPath     the mongod config file (default {@value #DEFAULT_CONFIG})
 * @param serviceName    the systemd unit (default {@value #DEFAULT_SERVICE})
 * @param tlsDirectory   where the key, certificate and CA files go (default {@value #DEFAULT_TLS_DIRECTORY})
 * @param hosts          per node: the SSH address and any path or service that differs from the defaults; a node
 *                       without an entry is reached at its registered host on port 22
 */
public record SystemdTarget(String user, String privateKeyFile, String knownHostsFile, Boolean sudo,
                            String restartCommand, String configPath, String serviceName, String tlsDirectory,
                            List<SystemdHost> hosts) {

    /**
     * Restarts, then checks the unit still runs a moment later: with {@code Type=simple} (Debian and Ubuntu
     * packages) {@code systemctl restart} succeeds even when mongod exits at once on a config it refuses.
     */
    public static final String DEFAULT_RESTART = "systemctl restart {service} && sleep 3"
            + " && systemctl is-active --quiet {service}";
    public static final String DEFAULT_CONFIG = "/etc/mongod.conf";
    public static final String DEFAULT_SERVICE = "mongod";
    public static final String DEFAULT_TLS_DIRECTORY = "/etc/mongod/tls";

    static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._-]{0,127}");
    /** Absolute paths of plain characters: they are quoted in shell commands, but never need to be. */
    static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/+-]{0,1023}");

    public SystemdTarget {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /**
     * One host's settings; {@code null} fields take the target's.
     *
     * @param node    the registered node this host runs
     * @param host    SSH host (default: the node's registered host)
     * @param sshPort SSH port (default 22)
     */
    public record SystemdHost(String node, String host, Integer sshPort, String configPath, String serviceName,
                              String tlsDirectory) {
    }

    /** The settings for {@code node}, defaults applied. */
    public SystemdHost hostFor(NodeSpec node) {
        SystemdHost entry = hosts.stream().filter(h -> node.name().equals(h.node())).findFirst()
                .orElse(new SystemdHost(node.name(), null, null, null, null, null));
        return new SystemdHost(node.name(),
                Objects.requireNonNullElse(entry.host(), node.host()),
                Objects.requireNonNullElse(entry.sshPort(), 22),
                Objects.requireNonNullElse(entry.configPath(), Objects.requireNonNullElse(configPath, DEFAULT_CONFIG)),
                Objects.requireNonNullElse(entry.serviceName(),
                        Objects.requireNonNullElse(serviceName, DEFAULT_SERVICE)),
                Objects.requireNonNullElse(entry.tlsDirectory(),
                        Objects.requireNonNullElse(tlsDirectory, DEFAULT_TLS_DIRECTORY)));
    }

    public boolean useSudo() {
        return Boolean.TRUE.equals(sudo);
    }

    public String restartCommandFor(String service) {
        return Objects.requireNonNullElse(restartCommand, DEFAULT_RESTART).replace("{service}", service);
    }

    List<String> violations(List<NodeSpec> nodes) {
        var violations = new ArrayList<String>();
        String at = "operator.systemd.";
        if (user == null || user.isBlank()) {
            violations.add(at + "user is missing");
        } else if (!USER.matcher(user).matches()) {
            violations.add(at + "user must match " + USER.pattern());
        }
        requirePath(violations, at + "privateKeyFile", privateKeyFile, true);
        requirePath(violations, at + "knownHostsFile", knownHostsFile, true);
        requirePath(violations, at + "configPath", configPath, false);
        requirePath(violations, at + "tlsDirectory", tlsDirectory, false);
        if (serviceName != null && !SERVICE.matcher(serviceName).matches()) {
            violations.add(at + "serviceName must match " + SERVICE.pattern());
        }
        if (restartCommand != null && (restartCommand.isBlank() || restartCommand.length() > 512
                || restartCommand.chars().anyMatch(c -> c < 0x20))) {
            violations.add(at + "restartCommand must be one line of at most 512 characters");
        }
        var names = new HashSet<String>();
        nodes.stream().filter(Objects::nonNull).forEach(n -> names.add(n.name()));
        var seen = new HashSet<String>();
        for (int i = 0; i < hosts.size(); i++) {
            violations.addAll(hostViolations(at + "hosts[" + i + "].", hosts.get(i), names, seen));
        }
        return violations;
    }

    private static List<String> hostViolations(String at, SystemdHost host, Set<String> nodes, Set<String> seen) {
        var violations = new ArrayList<String>();
        if (host == null) {
            return List.of(at.substring(0, at.length() - 1) + " must not be null");
        }
        if (host.node() == null || host.node().isBlank()) {
            violations.add(at + "node is missing");
        } else if (!nodes.contains(host.node())) {
            violations.add(at + "node '" + host.node() + "' is not a registered node");
        } else if (!seen.add(host.node())) {
            violations.add(at + "node '" + host.node() + "' is listed twice");
        }
        if (host.host() != null && !Pattern.matches("[A-Za-z0-9.:-]{1,253}", host.host())) {
            violations.add(at + "host must be a host name or IP address");
        }
        if (host.sshPort() != null && (host.sshPort() < 1 || host.sshPort() > 65535)) {
            violations.add(at + "sshPort must be 1 to 65535");
        }
        requirePath(violations, at + "configPath", host.configPath(), false);
        requirePath(violations, at + "tlsDirectory", host.tlsDirectory(), false);
        if (host.serviceName() != null && !SERVICE.matcher(host.serviceName()).matches()) {
            violations.add(at + "serviceName must match " + SERVICE.pattern());
        }
        return violations;
    }

    private static void requirePath(List<String> violations, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(field + " is missing");
            }
        } else if (!PATH.matcher(value).matches() || value.contains("/../") || value.endsWith("/..")) {
            violations.add(field + " must be an absolute path of letters, digits and ._/+-");
        }
    }
}
