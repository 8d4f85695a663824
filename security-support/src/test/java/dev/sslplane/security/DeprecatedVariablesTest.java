package dev.sslplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Old variables are read under their new names, through placeholders and relaxed binding, below the new ones. */
class DeprecatedVariablesTest {

    private static final Map<String, String> RENAMES = Map.of(
            "OLD_CONCURRENCY", "SSLPLANE_DEMO_JOBS_CONCURRENCY", "OLD_MODE", "SSLPLANE_DEMO_MODE");

    private final List<String> warnings = new ArrayList<>();

    @Test
    void anOldVariableIsReadAsItsNewNameThroughPlaceholdersAndRelaxedBinding() {
        var environment = withVariables(Map.of("OLD_CONCURRENCY", "3", "OLD_MODE", "strict"));
        environment.getPropertySources().addLast(new MapPropertySource("applicationConfig",
                Map.of("sslplane.demo.jobs.concurrency", "${SSLPLANE_DEMO_JOBS_CONCURRENCY:64}")));

        demo().postProcessEnvironment(environment, null);

        var binder = Binder.get(environment);
        assertThat(binder.bind("sslplane.demo.jobs.concurrency", Integer.class).get())
                .as("through the file's placeholder").isEqualTo(3);
        assertThat(binder.bind("sslplane.demo.mode", String.class).get())
                .as("through relaxed binding, no placeholder").isEqualTo("strict");
        assertThat(warnings).singleElement().asString()
                .contains("OLD_CONCURRENCY -> SSLPLANE_DEMO_JOBS_CONCURRENCY", "OLD_MODE -> SSLPLANE_DEMO_MODE");
    }

    @Test
    void aNewVariableWinsOverItsOldName() {
        var environment = withVariables(Map.of("OLD_CONCURRENCY", "3", "SSLPLANE_DEMO_JOBS_CONCURRENCY", "8"));
        demo().postProcessEnvironment(environment, null);
        assertThat(Binder.get(environment).bind("sslplane.demo.jobs.concurrency", Integer.class).get())
                .isEqualTo(8);
        assertThat(warnings).singleElement().asString().contains("OLD_CONCURRENCY is ignored");
    }

    @Test
    void nothingIsAddedOrReportedWithoutOldVariables() {
        var environment = withVariables(Map.of("SSLPLANE_DEMO_MODE", "strict"));
        int sources = environment.getPropertySources().size();
        demo().postProcessEnvironment(environment, null);
        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(warnings).isEmpty();
    }

    private DeprecatedVariables demo() {
        Log log = new NoOpLog() {
            @Override
            public void warn(Object message) {
                warnings.add(String.valueOf(message));
            }
        };
        return new DeprecatedVariables(log, RENAMES) {
        };
    }

    private static StandardEnvironment withVariables(Map<String, String> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(variables)));
        return environment;
    }
}
