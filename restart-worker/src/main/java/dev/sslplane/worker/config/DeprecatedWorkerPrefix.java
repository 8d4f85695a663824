package dev.sslplane.worker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the worker's settings of the previous release working for one more: a {@code worker.*} property (a
 * command-line argument, a system property, a config file of the user's, or {@code WORKER_*} through relaxed
 * binding of a name that is not also a placeholder) is read as {@code sslplane.worker.*}, ranked just after where
 * it was set, and logged once as deprecated. Remove in the release after next.
 */
public class DeprecatedWorkerPrefix implements EnvironmentPostProcessor {

    static final String OLD = "worker.";
    static final String NEW = "sslplane.worker.";

    private final Log log;

    public DeprecatedWorkerPrefix(DeferredLogFactory logs) {
        this.log = logs.getLog(DeprecatedWorkerPrefix.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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
