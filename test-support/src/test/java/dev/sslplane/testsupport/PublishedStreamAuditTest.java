package dev.sslplane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.testsupport.PublishedStreamAudit.Published;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishedStreamAuditTest {

    @Test
    void aCompleteOrderedStreamIsClean() {
        var audit = PublishedStreamAudit.of(Set.of("a/0", "a/1", "b/0"),
                List.of(new Published("a", 0), new Published("b", 0), new Published("a", 1)));

        assertThat(audit.clean()).isTrue();
    }

    @Test
    void reportsWhatIsMissingPublishedTwiceOrOutOfOrder() {
        var audit = PublishedStreamAudit.of(Set.of("a/0", "a/1", "a/2", "b/0", "c/0"),
                List.of(new Published("a", 0), new Published("a", 2), new Published("a", 1),
                        new Published("b", 0), new Published("b", 0)));

        assertThat(audit.clean()).isFalse();
        assertThat(audit.missing()).containsExactly("c/0");
        assertThat(audit.duplicated()).containsExactly("b/0");
        assertThat(audit.misordered()).containsOnlyKeys("a", "b");
    }
}
