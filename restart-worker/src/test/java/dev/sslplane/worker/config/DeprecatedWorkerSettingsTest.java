package dev.sslplane.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.testsupport.RenamedVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The previous release's {@code worker.*} properties still work, rank where they were set, and are reported; its
 * environment variables map to variables the worker reads ({@code DeprecatedVariablesTest} shows how they are read,
 * {@code CommandServiceRestartIT} that a real worker process reads them).
 */
class DeprecatedWorkerSettingsTest {

    @Test
    void anOldNameIsReadAsTheNewOneAndReportedOnce() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("worker.jobs.concurrency", "3")));
        environment.getPropertySources().addLast(new MapPropertySource("applicationConfig",
                Map.of("sslplane.worker.jobs.concurrency", "64", "sslplane.worker.jobs.lease", "30s")));
        List<String> warnings = new ArrayList<>();

        new DeprecatedWorkerSettings(type -> capturing(warnings)).postProcessEnvironment(environment, null);

        var binder = Binder.get(environment);
        assertThat(binder.bind("sslplane.worker.jobs.concurrency", Integer.class).get())
                .as("the argument outranks the file, under its new name too").isEqualTo(3);
        assertThat(binder.bind("sslplane.worker.jobs.lease", String.class).get()).isEqualTo("30s");
        assertThat(warnings).singleElement().asString()
                .contains("commandLineArgs: worker.jobs.concurrency", "sslplane.worker.*");
    }

    @Test
    void aNewNameSetWhereItRanksHigherWinsOverAnOldOne() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("sslplane.worker.jobs.concurrency", "8")));
        environment.getPropertySources().addLast(new MapPropertySource("oldFile",
                Map.of("worker.jobs.concurrency", "3")));
        new DeprecatedWorkerSettings(type -> new NoOpLog()).postProcessEnvironment(environment, null);
        assertThat(Binder.get(environment).bind("sslplane.worker.jobs.concurrency", Integer.class).get())
                .isEqualTo(8);
    }

    @Test
    void springBootRunsItAndTheWorkerReadsEveryNewName() throws Exception {
        RenamedVariables.assertWiredInto(new DeprecatedWorkerSettings(type -> new NoOpLog()).renames(),
                DeprecatedWorkerSettings.class);
    }

    private static Log capturing(List<String> warnings) {
        return new NoOpLog() {
            @Override
            public void warn(Object message) {
                warnings.add(String.valueOf(message));
            }
        };
    }
}
