package dev.sslplane.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Keeps a service's environment variables of the previous release working for one more: each old variable that is
 * set is read under its {@code SSLPLANE_*} name, ranked just below the real environment so that the new name wins
 * when both are set, and reported once as deprecated with its replacement. The alias source is named like the
 * environment, so relaxed binding reads it as one (the new name need not be a placeholder). A service registers a
 * subclass with its renames as an {@code EnvironmentPostProcessor} in {@code META-INF/spring.factories}.
 */
public abstract class DeprecatedVariables implements EnvironmentPostProcessor {

    private final Log log;
    private final Map<String, String> renames;

    /** @param renames old variable to the variable that replaces it */
    protected DeprecatedVariables(Log log, Map<String, String> renames) {
        this.log = log;
        this.renames = Map.copyOf(renames);
    }

    /** The previous release's variables and the names that replace them. */
    public Map<String, String> renames() {
        return renames;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String environmentName = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (!(environment.getPropertySources().get(environmentName) instanceof EnumerablePropertySource<?> variables)) {
            return;
        }
        Map<String, Object> aliases = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        renames.forEach((old, replacement) -> {
            if (variables.containsProperty(old)) {
                aliases.put(replacement, variables.getProperty(old));
                used.add(old + " -> " + replacement
                        + (variables.containsProperty(replacement) ? " (set too: " + old + " is ignored)" : ""));
            }
        });
        if (aliases.isEmpty()) {
            return;
        }
        used.sort(null);
        log.warn("Deprecated environment variables: " + String.join(", ", used) + "; the old names stop working in"
                + " the next release");
        environment.getPropertySources().addAfter(environmentName, new SystemEnvironmentPropertySource(
                "deprecatedVariables-" + environmentName, aliases));
    }
}
