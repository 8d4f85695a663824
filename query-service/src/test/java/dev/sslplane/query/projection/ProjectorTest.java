package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.SslEvent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The projector's dispatch table: every event type the contracts define has its handler. */
class ProjectorTest {

    @Test
    void everyConcreteEventTypeHasAHandler() {
        assertThat(Set.<Class<?>>copyOf(Projector.handledTypes()))
                .containsExactlyInAnyOrderElementsOf(concreteTypes(SslEvent.class));
    }

    private static Set<Class<?>> concreteTypes(Class<?> sealed) {
        Set<Class<?>> types = new HashSet<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                types.addAll(concreteTypes(permitted));
            } else {
                types.add(permitted);
            }
        }
        return types;
    }
}
