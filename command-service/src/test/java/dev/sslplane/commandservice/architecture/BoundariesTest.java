package dev.sslplane.commandservice.architecture;

import dev.sslplane.testsupport.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service uses no other service's classes ({@link ServiceBoundaries}). */
class BoundariesTest {

    @Test
    void dependsOnNoOtherService() {
        ServiceBoundaries.check("dev.sslplane.commandservice");
    }
}
