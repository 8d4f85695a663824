package dev.sslplane.commandservice;

import java.util.Map;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Write side of the SSL control plane. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    /**
     * Axon's update checker (4.12+) reports the framework version and a machine id to AxonIQ's servers, retrying
     * every minute when it cannot reach them, unless this is true.
     */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        disableAxonUpdateCheckerUnlessConfigured(System.getProperties(), System.getenv());
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /**
     * A control plane for certificates makes no outbound calls nobody asked for: the update checker is off unless
     * the operator opted in with {@code AXONIQ_UPDATE_CHECKER_DISABLED=false} or
     * {@code -Daxoniq.update-checker.disabled=false}.
     */
    static void disableAxonUpdateCheckerUnlessConfigured(Properties systemProperties, Map<String, String> env) {
        if (systemProperties.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null
                && env.get("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            systemProperties.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
    }
}
