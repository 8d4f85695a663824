package dev.sslplane.worker.config;

import dev.sslplane.security.DeprecatedVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the worker's settings of the previous release working for one more, each logged once as deprecated: its
 * environment variables ({@code WORKER_*}, {@code NODE_OPERATOR}, {@code FLEET_*}, {@code SYSTEMD_*},
 * {@code SIMULATED_*}, {@code COMMAND_SERVICE_*}, {@code NODE_CLIENT_*}) as {@link DeprecatedVariables} does, and a
 * {@code worker.*} property (a command-line argument, a system property, a config file of the user's) read as
 * {@code sslplane.worker.*}, ranked just after where it was set. Remove in the release after next.
 */
public class DeprecatedWorkerSettings extends DeprecatedVariables {

    static final String OLD = "worker.";
    static final String NEW = "sslplane.worker.";

    private static final Map<String, String> OLD_VARIABLES = Map.ofEntries(
            Map.entry("COMMAND_SERVICE_REQUEST_TIMEOUT", "SSLPLANE_WORKER_SIGNING_REQUEST_TIMEOUT"),
            Map.entry("COMMAND_SERVICE_TOKEN", "SSLPLANE_WORKER_SIGNING_BEARER_TOKEN"),
            Map.entry("COMMAND_SERVICE_TOKEN_FILE", "SSLPLANE_WORKER_SIGNING_BEARER_TOKEN_FILE"),
            Map.entry("COMMAND_SERVICE_URL", "SSLPLANE_WORKER_SIGNING_COMMAND_SERVICE_URL"),
            Map.entry("FLEET_REQUEST_TIMEOUT", "SSLPLANE_WORKER_FLEET_REQUEST_TIMEOUT"),
            Map.entry("FLEET_TOKEN", "SSLPLANE_WORKER_FLEET_TOKEN"),
            Map.entry("FLEET_TOKEN_FILE", "SSLPLANE_WORKER_FLEET_TOKEN_FILE"),
            Map.entry("FLEET_URL", "SSLPLANE_WORKER_FLEET_URL"),
            Map.entry("NODE_CLIENT_CONNECT_TIMEOUT", "SSLPLANE_WORKER_NODE_CLIENT_CONNECT_TIMEOUT"),
            Map.entry("NODE_CLIENT_READ_TIMEOUT", "SSLPLANE_WORKER_NODE_CLIENT_READ_TIMEOUT"),
            Map.entry("NODE_OPERATOR", "SSLPLANE_WORKER_NODE_OPERATOR"),
            Map.entry("SIMULATED_BASE_DOWNTIME", "SSLPLANE_WORKER_SIMULATED_BASE_DOWNTIME"),
            Map.entry("SIMULATED_COLLECTION_THRESHOLD", "SSLPLANE_WORKER_SIMULATED_COLLECTION_THRESHOLD"),
            Map.entry("SIMULATED_FAULTS", "SSLPLANE_WORKER_SIMULATED_FAULTS"),
            Map.entry("SIMULATED_PER_THOUSAND_COLLECTIONS", "SSLPLANE_WORKER_SIMULATED_PER_THOUSAND_COLLECTIONS"),
            Map.entry("SIMULATED_TIME_SCALE", "SSLPLANE_WORKER_SIMULATED_TIME_SCALE"),
            Map.entry("SYSTEMD_COMMAND_TIMEOUT", "SSLPLANE_WORKER_SYSTEMD_COMMAND_TIMEOUT"),
            Map.entry("SYSTEMD_CONNECT_TIMEOUT", "SSLPLANE_WORKER_SYSTEMD_CONNECT_TIMEOUT"),
            Map.entry("SYSTEMD_CREDENTIALS_DIR", "SSLPLANE_WORKER_SYSTEMD_CREDENTIALS_DIRECTORY"),
            Map.entry("SYSTEMD_RESTART_TIMEOUT", "SSLPLANE_WORKER_SYSTEMD_RESTART_TIMEOUT"),
            Map.entry("WORKER_CONCURRENCY", "SSLPLANE_WORKER_JOBS_CONCURRENCY"),
            Map.entry("WORKER_DEAD_LETTER_TOPIC", "SSLPLANE_WORKER_KAFKA_DEAD_LETTER_TOPIC"),
            Map.entry("WORKER_GROUP_ID", "SSLPLANE_WORKER_KAFKA_GROUP_ID"),
            Map.entry("WORKER_HEALTH_MAX_LAG", "SSLPLANE_WORKER_HEALTH_MAX_LAG"),
            Map.entry("WORKER_HEALTH_POLL_INTERVAL", "SSLPLANE_WORKER_HEALTH_POLL_INTERVAL"),
            Map.entry("WORKER_ID", "SSLPLANE_WORKER_ID"),
            Map.entry("WORKER_JOBS_COLLECTION", "SSLPLANE_WORKER_MONGO_COLLECTION"),
            Map.entry("WORKER_KAFKA_SESSION_TIMEOUT_MS", "SSLPLANE_WORKER_KAFKA_SESSION_TIMEOUT_MS"),
            Map.entry("WORKER_LEASE", "SSLPLANE_WORKER_JOBS_LEASE"),
            Map.entry("WORKER_LEASE_RENEW_INTERVAL", "SSLPLANE_WORKER_JOBS_RENEW_INTERVAL"),
            Map.entry("WORKER_POLL_INTERVAL", "SSLPLANE_WORKER_JOBS_POLL_INTERVAL"),
            Map.entry("WORKER_PROGRESS_PARTITIONS", "SSLPLANE_WORKER_KAFKA_PROGRESS_PARTITIONS"),
            Map.entry("WORKER_REPLICATION_FACTOR", "SSLPLANE_WORKER_KAFKA_REPLICATION_FACTOR"),
            Map.entry("WORKER_STEP_DOWN_CATCH_UP", "SSLPLANE_WORKER_STEP_DOWN_SECONDARY_CATCH_UP"),
            Map.entry("WORKER_STEP_DOWN_FOR", "SSLPLANE_WORKER_STEP_DOWN_STEP_DOWN_FOR"),
            Map.entry("WORKER_STEP_TIMEOUT", "SSLPLANE_WORKER_JOBS_STEP_TIMEOUT"),
            Map.entry("WORKER_STEP_TIMEOUT_PER_THOUSAND_COLLECTIONS",
                    "SSLPLANE_WORKER_JOBS_STEP_TIMEOUT_PER_THOUSAND_COLLECTIONS"));

    private final Log log;

    public DeprecatedWorkerSettings(DeferredLogFactory logs) {
        super(logs.getLog(DeprecatedVariables.class), OLD_VARIABLES);
        this.log = logs.getLog(DeprecatedWorkerSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        renameOldPrefix(environment);
        super.postProcessEnvironment(environment, application);
    }

    private void renameOldPrefix(ConfigurableEnvironment environment) {
        var aliases = new ArrayList<PropertySource<?>>();
        var after = new ArrayList<String>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                Map<String, Object> renamed = renamed(enumerable);
                if (!renamed.isEmpty()) {
                    aliases.add(new MapPropertySource("deprecated worker.* of " + source.getName(), renamed));
                    after.add(source.getName());
                }
            }
        }
        for (int i = 0; i < aliases.size(); i++) {
            environment.getPropertySources().addAfter(after.get(i), aliases.get(i));
        }
    }

    private Map<String, Object> renamed(EnumerablePropertySource<?> source) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        List<String> old = new ArrayList<>();
        for (String name : source.getPropertyNames()) {
            if (name.startsWith(OLD)) {
                renamed.put(NEW + name.substring(OLD.length()), source.getProperty(name));
                old.add(name);
            }
        }
        if (!old.isEmpty()) {
            log.warn("Deprecated settings in " + source.getName() + ": " + String.join(", ", old) + " — the worker's"
                    + " settings are now under sslplane.worker.*; the old names stop working in the next release");
        }
        return renamed;
    }
}
