package dev.sslplane.commandservice.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The renewal candidates fed event by event and read back; each event handled twice writes the same document. */
class RenewalCandidatesProjectionTest {

    private static final String ID = "rs-1";
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final List<NodeSpec> NODES = List.of(
            new NodeSpec("n0", "10.0.0.1", 27017, NodeRole.PRIMARY, List.of()),
            new NodeSpec("n1.db", "10.0.0.2", 27017, NodeRole.SECONDARY, List.of()));
    private static final NodeSpec NEW_HOST = new NodeSpec("n2", "10.0.0.3", 27017, NodeRole.SECONDARY, List.of());

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final RenewalCandidateStore store = new RenewalCandidateStore(mongo.client().getDatabase("sslplane"));
    private final RenewalCandidatesProjection projection = new RenewalCandidatesProjection(store);

    @AfterEach
    void close() {
        mongo.close();
    }

    private static CertificateInfo certificate(String serial) {
        return new CertificateInfo(serial, "FP:" + serial, "CN=" + serial, T, T.plus(Duration.ofDays(397)),
                "EC-P256", "pem");
    }

    private static NodeCertificateIssuedEvent issued(String op, String node, String serial) {
        return new NodeCertificateIssuedEvent(ID, op, node, "ca-1", certificate(serial));
    }

    private RenewalCandidate read() {
        return RenewalCandidate.from(mongo.collection(RenewalCandidateStore.COLLECTION).find().first());
    }

    private Document raw() {
        return mongo.collection(RenewalCandidateStore.COLLECTION).find().first();
    }

    /** Feeds every step twice (a redelivery after a crash before the token was stored) and checks nothing moves. */
    private void twice(Runnable step) {
        step.run();
        Document once = raw();
        step.run();
        assertThat(raw()).isEqualTo(once);
    }

    @Test
    void followsPolicySslStateOperationAndEachNodesCurrentCertificate() {
        var enabled = new SslEnabledEvent(ID, "op-1", certificate("ca-1"), NODES, 42, "4.2", false,
                Procedures.enable(false), null, Duration.ofDays(397));
        twice(() -> projection.on(new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW), 3));
        twice(() -> projection.on(enabled));
        twice(() -> projection.on(issued("op-1", "n0", "0a")));
        twice(() -> projection.on(issued("op-1", "n1.db", "0b")));
        assertThat(read().operationUnderWay).isEqualTo("op-1");
        twice(() -> projection.on(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 1000, T)));

        RenewalCandidate candidate = read();
        assertThat(candidate.policy).isEqualTo(RenewalPolicy.IN_MAINTENANCE_WINDOW);
        assertThat(candidate.policySequence).isEqualTo(3);
        assertThat(candidate.sslEnabled).isTrue();
        assertThat(candidate.operationUnderWay).isNull();
        assertThat(candidate.caNotAfter).isEqualTo(T.plus(Duration.ofDays(397)));
        assertThat(candidate.certificates).extracting(RenewalCandidate.NodeCertificate::serial)
                .containsExactly("0a", "0b");

        // an operation waiting for the window holds the instance until it starts or is cancelled
        twice(() -> projection.on(new OperationScheduledEvent(ID, "op-5", OperationKind.RENEW_NODE_CERTIFICATES, null,
                null, null, null, null, T, T.plusSeconds(3600))));
        assertThat(read().scheduledOperation).isEqualTo("op-5");
        twice(() -> projection.on(new ScheduledOperationCancelledEvent(ID, "op-5",
                OperationKind.RENEW_NODE_CERTIFICATES)));
        assertThat(read().scheduledOperation).isNull();

        // a node signed again has its certificate replaced; a member that leaves takes its certificate along
        twice(() -> projection.on(issued("op-2", "n0", "1a")));
        twice(() -> projection.on(new MemberReplacedEvent(ID, "c-1", "n1.db", NEW_HOST,
                List.of(NODES.get(0), NEW_HOST))));
        assertThat(read().certificates).extracting(RenewalCandidate.NodeCertificate::serial).containsExactly("1a");
        twice(() -> projection.on(issued("op-2", "n2", "1c")));
        twice(() -> projection.on(new MemberRemovedEvent(ID, "c-2", "n0", List.of(NEW_HOST))));
        assertThat(read().certificates).extracting(RenewalCandidate.NodeCertificate::node).containsExactly("n2");

        twice(() -> projection.on(new SslDisabledEvent(ID, "op-3", "ca-1", List.of(NEW_HOST), 42, "4.2",
                certificate("ca-1"), Procedures.disable(TlsMode.PREFER), null)));
        assertThat(read().sslEnabled).isFalse();
        assertThat(read().caNotAfter).isNull();
        assertThat(read().certificates).isEmpty();
        assertThat(store.renewingInTheWindow(10)).hasSize(1);

        twice(() -> projection.on(new RenewalPolicySetEvent(ID, RenewalPolicy.OFF), 9));
        assertThat(store.renewingInTheWindow(10)).isEmpty();
    }

    @Test
    void followsTheCurrentCaAndTheExpiryStatesRecordedForIt() {
        twice(() -> projection.on(new SslEnabledEvent(ID, "op-1", certificate("ca-1"), NODES, 42, "4.2", false,
                Procedures.enable(false), null, Duration.ofDays(397))));
        assertThat(read().caSerial).isEqualTo("ca-1");
        assertThat(read().caNotBefore).isEqualTo(T);
        twice(() -> projection.on(reached("ca-1", ExpiryState.RENEW_SOON)));
        assertThat(read().caExpiryReached).containsExactly(Map.entry("ca-1", ExpiryState.RENEW_SOON));
        twice(() -> projection.on(reached("ca-1", ExpiryState.EXPIRED)));
        // a late RENEW_SOON (handled again after a token reset) is no step back
        projection.on(reached("ca-1", ExpiryState.RENEW_SOON));
        assertThat(read().caExpiryReached).containsExactly(Map.entry("ca-1", ExpiryState.EXPIRED));

        twice(() -> projection.on(new CertificateRotatedEvent(ID, "op-2", certificate("ca-2"), "ca-1", NODES, 42,
                "4.2", certificate("ca-1"), true, Procedures.rotate(TlsMode.PREFER), null, Duration.ofDays(397))));
        assertThat(read().caSerial).isEqualTo("ca-2");
        var watched = new ArrayList<RenewalCandidate>();
        store.forEachWithSslEnabled(watched::add);
        assertThat(watched).extracting(c -> c.caSerial).containsExactly("ca-2");
        assertThat(watched.get(0).caExpiryReached).containsExactly(Map.entry("ca-1", ExpiryState.EXPIRED));

        twice(() -> projection.on(new SslDisabledEvent(ID, "op-3", "ca-2", NODES, 42, "4.2", certificate("ca-2"),
                Procedures.disable(TlsMode.PREFER), null)));
        assertThat(read().caSerial).isNull();
        watched.clear();
        store.forEachWithSslEnabled(watched::add);
        assertThat(watched).isEmpty();
    }

    private static CaExpiryStateReachedEvent reached(String caSerial, ExpiryState state) {
        return new CaExpiryStateReachedEvent(ID, caSerial, T.plus(Duration.ofDays(397)), state, T);
    }

    @Test
    void aReadBackThatLiftsTheRollbackRestoresTheSslStateAndOtherReadBacksChangeNothing() {
        var enabled = new SslEnabledEvent(ID, "op-1", certificate("ca-1"), NODES, 42, "4.2", false,
                Procedures.enable(false), null, Duration.ofDays(397));
        twice(() -> projection.on(enabled));
        Document before = raw();
        // still required: the candidate stays as the abort left it
        twice(() -> projection.on(new NodeTlsStatesObservedEvent(ID, "op-1", T, List.of(), Map.of(), true,
                SslStatus.DISABLED, TlsMode.DISABLED, null)));
        assertThat(raw()).isEqualTo(before);
        // every node as before the Enable: SSL is off again
        twice(() -> projection.on(new NodeTlsStatesObservedEvent(ID, "op-1", T, List.of(), Map.of(), false,
                SslStatus.DISABLED, TlsMode.DISABLED, null)));
        assertThat(read().sslEnabled).isFalse();
    }
}
