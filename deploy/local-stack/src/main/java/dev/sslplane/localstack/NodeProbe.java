package dev.sslplane.localstack;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.Pems;
import dev.sslplane.nodeclient.TlsOptions;
import java.time.Duration;
import java.util.List;
import org.bson.Document;

/**
 * Connects to a MongoDB node as an application would: plain, or over TLS trusting exactly the given CA(s) with
 * host-name verification. Through the node client, because current drivers refuse the 3.4 and 4.0 engines.
 */
final class NodeProbe {

    private static final NodeClient CLIENT = new NodeClient(Duration.ofSeconds(3), Duration.ofSeconds(5));

    /** Asks the node {@code isMaster}; returns null when it answered, else why not. */
    static String ping(String host, int port, String trustedCaPem) {
        try {
            TlsOptions tls = trustedCaPem == null ? TlsOptions.plain()
                    : TlsOptions.verified(Pems.trusting(trustedCaPem));
            CLIENT.isMaster(new NodeAddress(host, port), tls);
            return null;
        } catch (NodeClientException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Waits until the node's view of its replica set shows {@code members} healthy members and one primary (a new
     * set needs a few heartbeats and an election); returns null when it did, else the last reason.
     */
    static String awaitHealthySet(String host, int port, int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String reason;
        do {
            reason = setHealth(host, port, members);
            if (reason == null) {
                return null;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return reason;
    }

    private static String setHealth(String host, int port, int members) {
        try {
            List<Document> status = CLIENT.replSetGetStatus(new NodeAddress(host, port), TlsOptions.plain())
                    .getList("members", Document.class);
            long healthy = status.stream().filter(m -> m.get("health") instanceof Number h && h.doubleValue() == 1)
                    .count();
            long primaries = status.stream().filter(m -> "PRIMARY".equals(m.getString("stateStr"))).count();
            return healthy == members && primaries == 1 ? null
                    : healthy + " of " + members + " members healthy, " + primaries + " primaries";
        } catch (NodeClientException e) {
            return e.getMessage();
        }
    }

    private NodeProbe() {
    }
}
