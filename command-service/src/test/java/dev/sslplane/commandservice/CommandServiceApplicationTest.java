package dev.sslplane.commandservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandServiceApplicationTest {

    private static final String KEY = CommandServiceApplication.AXON_UPDATE_CHECKER_DISABLED;

    @Test
    void updateCheckerIsOffWhenNothingIsConfigured() {
        var properties = new Properties();
        CommandServiceApplication.disableAxonUpdateCheckerUnlessConfigured(properties, Map.of());
        assertThat(properties.getProperty(KEY)).isEqualTo("true");
    }

    @Test
    void anOperatorsOptInByEnvironmentIsKept() {
        var properties = new Properties();
        CommandServiceApplication.disableAxonUpdateCheckerUnlessConfigured(properties,
                Map.of("AXONIQ_UPDATE_CHECKER_DISABLED", "false"));
        assertThat(properties.getProperty(KEY)).isNull();
    }

    @Test
    void anOperatorsSystemPropertyIsKept() {
        var properties = new Properties();
        properties.setProperty(KEY, "false");
        CommandServiceApplication.disableAxonUpdateCheckerUnlessConfigured(properties, Map.of());
        assertThat(properties.getProperty(KEY)).isEqualTo("false");
    }
}
