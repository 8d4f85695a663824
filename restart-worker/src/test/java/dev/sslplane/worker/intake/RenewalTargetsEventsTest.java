package dev.sslplane.worker.intake;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.support.Events;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A renewal of some members names members of the operation, each once; anything else is a dead letter. */
class RenewalTargetsEventsTest {

    private final TestCa ca = new TestCa("renewal CA", "Ed25519");

    private NodeCertificatesRenewingEvent renewing(List<String> targets) {
        return new NodeCertificatesRenewingEvent("rs-t", "op-t", ca.info(), Events.threeNodes(27_100), 100, "4.2",
                Procedures.renewNodeCertificates(TlsMode.PREFER), null, Duration.ofDays(397), targets);
    }

    @Test
    void targetsAmongTheMembersAreAccepted() {
        assertThatCode(() -> OperationEventListener.validate(renewing(List.of("s")))).doesNotThrowAnyException();
        assertThatCode(() -> OperationEventListener.validate(renewing(null))).doesNotThrowAnyException();
    }

    @Test
    void unknownOrRepeatedTargetsAreRefused() {
        assertThatThrownBy(() -> OperationEventListener.validate(renewing(List.of("x"))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("targets must name members");
        assertThatThrownBy(() -> OperationEventListener.validate(renewing(List.of("s", "s"))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("targets must name members");
    }
}
