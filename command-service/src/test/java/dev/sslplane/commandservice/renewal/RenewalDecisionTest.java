package dev.sslplane.commandservice.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.commandservice.renewal.RenewalCandidate.NodeCertificate;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.RenewalPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When automatic renewal schedules a renewal, and the id it gives it. */
class RenewalDecisionTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIFE = Duration.ofDays(397);
    private static final ExpiryPolicy EXPIRY = new RenewalProperties(0.6667, Duration.ofDays(30)).expiryPolicy();
    /** 397 × 2/3 = 264.7 days: OK before, RENEW_SOON after. */
    private static final Instant BEFORE_DUE = ISSUED.plus(Duration.ofDays(264));
    private static final Instant DUE = ISSUED.plus(Duration.ofDays(265));

    private static RenewalCandidate candidate() {
        var candidate = new RenewalCandidate("rs-1");
        candidate.policy = RenewalPolicy.IN_MAINTENANCE_WINDOW;
        candidate.policySequence = 7;
        candidate.sslEnabled = true;
        candidate.replaceCertificate(new NodeCertificate("n0", "0a", ISSUED, ISSUED.plus(LIFE)));
        candidate.replaceCertificate(new NodeCertificate("n1", "0b", ISSUED, ISSUED.plus(LIFE)));
        return candidate;
    }

    @Test
    void nothingIsDueWhileEveryCertificateIsOk() {
        assertThat(RenewalDecision.due(candidate(), EXPIRY, BEFORE_DUE)).isEmpty();
    }

    @Test
    void oneCertificateRenewSoonOrExpiredMakesTheRenewalDue() {
        var candidate = candidate();
        candidate.replaceCertificate(new NodeCertificate("n1", "0c", DUE, DUE.plus(LIFE)));
        assertThat(RenewalDecision.due(candidate, EXPIRY, DUE)).isPresent();
        assertThat(RenewalDecision.due(candidate, EXPIRY, ISSUED.plus(LIFE).plusSeconds(1))).isPresent();
    }

    @Test
    void notWithSslOffNorWhileAnOperationIsUnderWayNorWithoutCertificates() {
        var off = candidate();
        off.sslEnabled = false;
        var busy = candidate();
        busy.operationUnderWay = "op-9";
        var none = candidate();
        none.certificates.clear();
        assertThat(RenewalDecision.due(off, EXPIRY, DUE)).isEmpty();
        assertThat(RenewalDecision.due(busy, EXPIRY, DUE)).isEmpty();
        assertThat(RenewalDecision.due(none, EXPIRY, DUE)).isEmpty();
    }

    @Test
    void notWhileAnOperationWaitsForTheWindow() {
        var scheduled = candidate();
        scheduled.scheduledOperation = "op-8";
        assertThat(RenewalDecision.due(scheduled, EXPIRY, DUE)).isEmpty();
    }

    /** Node certificates never outlast their CA: one that ends with it is the CA's to solve (a rotation). */
    @Test
    void notForCertificatesThatEndWithTheCaARenewalCouldNotExtendThem() {
        var cappedByTheCa = candidate();
        cappedByTheCa.caNotAfter = ISSUED.plus(LIFE);
        assertThat(RenewalDecision.due(cappedByTheCa, EXPIRY, DUE)).isEmpty();

        var caLivesLonger = candidate();
        caLivesLonger.caNotAfter = ISSUED.plus(Duration.ofDays(3650));
        assertThat(RenewalDecision.due(caLivesLonger, EXPIRY, DUE)).isPresent();
    }

    @Test
    void theIdIsTheSameForTheSameCertificatesAndPolicySettingAndAValidOperationId() {
        String id = RenewalDecision.due(candidate(), EXPIRY, DUE).orElseThrow();
        assertThat(RenewalDecision.due(candidate(), EXPIRY, DUE.plus(Duration.ofDays(3)))).contains(id);
        assertThat(IdRules.isId(id)).as(id).isTrue();

        var renewedOne = candidate();
        renewedOne.replaceCertificate(new NodeCertificate("n0", "1a", DUE, DUE.plus(LIFE)));
        var policySetAgain = candidate();
        policySetAgain.policySequence = 12;
        var otherInstance = new RenewalCandidate("rs-2");
        otherInstance.certificates.addAll(candidate().certificates);
        otherInstance.policySequence = 7;
        assertThat(RenewalDecision.operationId(renewedOne)).isNotEqualTo(id);
        assertThat(RenewalDecision.operationId(policySetAgain)).isNotEqualTo(id);
        assertThat(RenewalDecision.operationId(otherInstance)).isNotEqualTo(id);
    }

    @Test
    void theDocumentRoundTrips() {
        var candidate = candidate();
        candidate.operationUnderWay = "op-3";
        candidate.scheduledOperation = "op-4";
        candidate.caNotAfter = ISSUED.plus(Duration.ofDays(3650));
        var read = RenewalCandidate.from(candidate.toDocument());
        assertThat(read.scheduledOperation).isEqualTo("op-4");
        assertThat(read.caNotAfter).isEqualTo(candidate.caNotAfter);
        assertThat(read.certificates).isEqualTo(candidate.certificates);
        assertThat(read.policy).isEqualTo(RenewalPolicy.IN_MAINTENANCE_WINDOW);
        assertThat(read.policySequence).isEqualTo(7);
        assertThat(read.sslEnabled).isTrue();
        assertThat(read.operationUnderWay).isEqualTo("op-3");
        assertThat(RenewalDecision.operationId(read)).isEqualTo(RenewalDecision.operationId(candidate));
    }
}
