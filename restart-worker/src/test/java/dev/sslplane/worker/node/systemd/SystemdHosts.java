package dev.sslplane.worker.node.systemd;

import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.worker.support.SshHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Local-fleet nodes behind a real SSH server, as systemd targets: each node's host is the SSH server, its config
 * file is the very file the fleet node reads when it starts, and its "service" restarts through the fleet's
 * control API as {@code systemctl restart} would (failing, with mongod's reason, when the node does not start).
 */
public final class SystemdHosts {

    private final FleetProcess fleet;
    private final Path fleetData;
    private final SshHost ssh;
    private final Path restartScript;

    public SystemdHosts(FleetProcess fleet, Path fleetData, SshHost ssh, Path scripts) throws IOException {
        this.fleet = fleet;
        this.fleetData = fleetData;
        this.ssh = ssh;
        Files.createDirectories(scripts);
        this.restartScript = scripts.resolve("fleet-restart");
        Files.writeString(restartScript, "#!/bin/sh\n"
                + "# restart <instance> <node>: the fleet node restarts; a node that does not start fails with why\n"
                + "exec curl -sS --fail-with-body -X POST -H 'Authorization: Bearer " + fleet.token + "' \""
                + fleet.url() + "/api/v1/instances/$1/nodes/$2/restart\"\n");
        Files.setPosixFilePermissions(restartScript, PosixFilePermissions.fromString("rwx------"));
    }

    public SshHost ssh() {
        return ssh;
    }

    public Path configFile(String instanceId, String node) {
        return fleetData.resolve("nodes").resolve(instanceId).resolve(node).resolve("mongod.conf");
    }

    public Path tlsDirectory(String instanceId, String node) {
        return fleetData.resolve("tls").resolve(instanceId).resolve(node);
    }

    /** The restart command for the fleet's nodes of {@code instanceId}; the service name is the node's name. */
    public String restartCommand(String instanceId) {
        return restartScript + " " + instanceId + " {service}";
    }

    /** A complete systemd target for {@code nodes} of {@code instanceId}. */
    public NodeOperatorTarget target(String instanceId, List<NodeSpec> nodes) {
        return NodeOperatorTarget.systemd(target(instanceId, nodes, currentUser(), ssh.knownHostsFile(),
                restartCommand(instanceId)));
    }

    public SystemdTarget target(String instanceId, List<NodeSpec> nodes, String user, Path knownHosts,
                                String restartCommand) {
        return new SystemdTarget(user, ssh.privateKeyFile().toString(), knownHosts.toString(), false,
                restartCommand, null, null, null, nodes.stream().map(node -> new SystemdHost(node.name(),
                        "127.0.0.1", ssh.port(), configFile(instanceId, node.name()).toString(), node.name(),
                        tlsDirectory(instanceId, node.name()).toString())).toList());
    }

    public FleetProcess fleet() {
        return fleet;
    }

    public static String currentUser() {
        return System.getProperty("user.name");
    }
}
