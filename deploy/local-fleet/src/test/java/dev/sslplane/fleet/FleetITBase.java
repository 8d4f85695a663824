package dev.sslplane.fleet;

import static dev.sslplane.fleet.FleetApi.address;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.testsupport.FleetProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A fleet process of its own per test class (LocalFleetIT restarts it), its control API and a node client. */
abstract class FleetITBase {

    @TempDir
    static Path dataDir;
    static FleetProcess fleet;
    static FleetApi api;
    final NodeClient client = new NodeClient(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @BeforeAll
    static void startFleet() throws Exception {
        // short heartbeats keep the module's tests quick: a member is down after 1 s, elections wait 2 s
        fleet = new FleetProcess(dataDir, "fleet-it-token", "200ms").withEnvironment(Map.of(
                "SSLPLANE_FLEET_HEARTBEAT_INTERVAL", "200ms", "SSLPLANE_FLEET_HEARTBEAT_TIMEOUT", "1s")).start();
        api = new FleetApi(fleet);
    }

    @AfterAll
    static void stopFleet() throws Exception {
        fleet.close();
    }

    /** Members a (PRIMARY), b (SECONDARY) and c ({@code thirdRole}) of {@code instance}, created and started. */
    static List<NodeAddress> threeMembers(String instance, String engine, String thirdRole) throws Exception {
        return List.of(address(api.create(instance, "a", engine, "PRIMARY")),
                address(api.create(instance, "b", engine, "SECONDARY")),
                address(api.create(instance, "c", engine, thirdRole)));
    }
}
