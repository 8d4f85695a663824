package dev.sslplane.fleet;

import static dev.sslplane.fleet.FleetApi.address;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        fleet = new FleetProcess(dataDir, "fleet-it-token").start();
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
