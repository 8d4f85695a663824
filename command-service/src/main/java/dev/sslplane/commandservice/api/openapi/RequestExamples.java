package dev.sslplane.commandservice.api.openapi;

import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.Topology;
import java.util.List;

/**
 * Request bodies for the document's examples, built from the contract records themselves so an example cannot
 * drift from the shape the API reads.
 */
final class RequestExamples {

    private RequestExamples() {
    }

    /** A three-node replica set on engine 4.2, driven by the worker's default operator. */
    static RegisterInstanceRequest registration() {
        return new RegisterInstanceRequest("rs-orders", "4.2", Topology.REPLICA_SET, nodes(), 120);
    }

    /** The same replica set on hosts the worker restarts over SSH (files named are on the worker). */
    static RegisterInstanceRequest systemdRegistration() {
        SystemdTarget systemd = new SystemdTarget("mongod-admin", "/etc/sslplane/ssh/id_ed25519",
                "/etc/sslplane/ssh/known_hosts", true, null, null, null, null, List.of());
        return new RegisterInstanceRequest("rs-orders", "4.2", Topology.REPLICA_SET, nodes(), 120,
                NodeOperatorTarget.systemd(systemd));
    }

    /** A node's CSR as a worker relays it (shortened; a real one is about 1-2 KiB of base64). */
    static SignCsrRequest csr() {
        return new SignCsrRequest("-----BEGIN CERTIFICATE REQUEST-----\n"
                + "MIIBJDCBywIBADAcMRowGAYDVQQDDBFkYjAub3JkZXJzLmV4YW1wbGUwWTATBgcq\n"
                + "-----END CERTIFICATE REQUEST-----\n");
    }

    /** A new member next to {@link #nodes()}. */
    static NodeSpec member(String name) {
        return new NodeSpec(name, "10.20.0.13", 27017, NodeRole.SECONDARY, List.of(name + ".orders.example"));
    }

    private static List<NodeSpec> nodes() {
        return List.of(
                new NodeSpec("db0", "10.20.0.10", 27017, NodeRole.PRIMARY, List.of("db0.orders.example")),
                new NodeSpec("db1", "10.20.0.11", 27017, NodeRole.SECONDARY, List.of("db1.orders.example")),
                new NodeSpec("db2", "10.20.0.12", 27017, NodeRole.SECONDARY, List.of("db2.orders.example")));
    }
}
