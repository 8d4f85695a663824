package dev.sslplane.query.config;

import dev.sslplane.testsupport.RenamedVariables;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;

/** The previous release's variables are read (DeprecatedVariablesTest shows how) under names the service reads. */
class DeprecatedQueryVariablesTest {

    @Test
    void springBootRunsItAndTheServiceReadsEveryNewName() throws Exception {
        RenamedVariables.assertWiredInto(new DeprecatedQueryVariables(type -> new NoOpLog()).renames(),
                DeprecatedQueryVariables.class);
    }
}
