package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several command-services and restart-workers: names, ports, and everything else the same as the first's. */
class ReplicasTest {

    @TempDir
    Path data;

    @Test
    void oneOfEachByDefault() throws Exception {
        assertThat(services(Map.of())).extracting(ServiceSpec::name)
                .containsExactly("local-fleet", "command-service", "query-service", "restart-worker");
    }

    @Test
    void replicaIGetsItsOwnNameAndTheBasePortPlusTenTimesIMinusOne() throws Exception {
        List<ServiceSpec> services =
                services(Map.of("SSLPLANE_COMMAND_REPLICAS", "3", "SSLPLANE_WORKER_REPLICAS", "2"));

        assertThat(services).extracting(ServiceSpec::name).containsExactly("local-fleet", "command-service",
                "command-service-2", "command-service-3", "query-service", "restart-worker", "restart-worker-2");
        assertThat(port(services, "command-service-2")).isEqualTo(8091);
        assertThat(port(services, "command-service-3")).isEqualTo(8101);
        assertThat(port(services, "restart-worker-2")).isEqualTo(8093);
        assertThat(spec(services, "restart-worker-2").healthUrl())
                .isEqualTo("http://127.0.0.1:8093/actuator/health");
    }

    @Test
    void aReplicaSharesEverythingButItsPortWithTheFirst() throws Exception {
        List<ServiceSpec> services =
                services(Map.of("SSLPLANE_COMMAND_REPLICAS", "2", "SSLPLANE_WORKER_REPLICAS", "2"));
        for (String name : List.of("command-service", "restart-worker")) {
            Map<String, String> first = new HashMap<>(spec(services, name).env());
            Map<String, String> second = new HashMap<>(spec(services, name + "-2").env());
            first.remove("SERVER_PORT");
            second.remove("SERVER_PORT");
            assertThat(second).as("%s-2's environment but its port", name).isEqualTo(first)
                    .containsKeys("MONGODB_URI", "KAFKA_BOOTSTRAP_SERVERS");
            assertThat(spec(services, name + "-2").module()).isEqualTo(spec(services, name).module());
        }
    }

    @Test
    void replicaPortsOfTheDefaultsCollideWithNoOtherDefaultPort() {
        var settings = StackSettings.from(Map.of("SSLPLANE_COMMAND_REPLICAS", "9", "SSLPLANE_WORKER_REPLICAS", "9",
                "SSLPLANE_DATA_DIR", data.toString()));
        List<Integer> ports = Ports.of(settings).stream().map(Ports.Use::port).toList();
        assertThat(ports).hasSize(5 + 9 + 9).doesNotHaveDuplicates().allMatch(p -> p < settings.demoNodePortBase());
    }

    @Test
    void aPortMeantForTwoPartsIsRefusedNamingBothVariables() {
        // command-service-2 would take 8091: the query service's port here
        var settings = StackSettings.from(Map.of("SSLPLANE_COMMAND_REPLICAS", "2", "SSLPLANE_QUERY_PORT", "8091",
                "SSLPLANE_DATA_DIR", data.toString()));
        assertThatThrownBy(() -> Ports.checkFree(settings)).isInstanceOf(StackException.class)
                .hasMessageContaining("8091").hasMessageContaining("command-service-2 (SSLPLANE_COMMAND_PORT)")
                .hasMessageContaining("query-service (SSLPLANE_QUERY_PORT)");
    }

    @Test
    void aReplicaCountOutOfRangeIsRefused() {
        for (String count : List.of("0", "10", "two")) {
            assertThatThrownBy(() -> StackSettings.from(Map.of("SSLPLANE_WORKER_REPLICAS", count)))
                    .isInstanceOf(StackException.class).hasMessageContaining("SSLPLANE_WORKER_REPLICAS=" + count);
        }
    }

    private List<ServiceSpec> services(Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(variables);
        env.put("SSLPLANE_DATA_DIR", data.toString());
        return ServiceSpec.all(StackSettings.from(env), LocalSecrets.in(data.resolve("secrets")));
    }

    private static ServiceSpec spec(List<ServiceSpec> services, String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static int port(List<ServiceSpec> services, String name) {
        return Integer.parseInt(spec(services, name).env().get("SERVER_PORT"));
    }
}
