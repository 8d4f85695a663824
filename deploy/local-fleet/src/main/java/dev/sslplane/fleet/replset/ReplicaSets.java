package dev.sslplane.fleet.replset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.fleet.config.FleetProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The replica set of every instance: all nodes of an instance are the members of one set. */
@Component
public class ReplicaSets {

    private final FleetProperties properties;
    private final ObjectMapper mapper;
    private final Map<String, ReplicaSet> sets = new ConcurrentHashMap<>();

    public ReplicaSets(FleetProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
    }

    /** The instance's set; {@code setName} counts only when the set is new (its first member names it). */
    public ReplicaSet of(String instanceId, String setName) {
        return sets.computeIfAbsent(instanceId, id -> new ReplicaSet(id, setName, properties.heartbeatTimeout(),
                Clock.systemUTC(), new ReplicaSetStore(
                        properties.dataDir().resolve("nodes").resolve(id).resolve("replset.json"), mapper)));
    }

    public List<ReplicaSet> all() {
        return List.copyOf(sets.values());
    }
}
