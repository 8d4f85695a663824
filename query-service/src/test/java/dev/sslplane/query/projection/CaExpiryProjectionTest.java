package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.support.Lifecycle;
import org.junit.jupiter.api.Test;

/**
 * The command service's CA expiry warnings: an audit entry with its principal and what to do, the status left as it
 * was (it computes the CA's state from the clock itself), and a redelivery adds no second entry.
 */
class CaExpiryProjectionTest extends ProjectionFixture {

    @Test
    void renewSoonIsAnAuditEntryThatSaysToRotateTheCa() {
        var life = new Lifecycle("rs-x", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1);
        project(life.events());
        InstanceDoc before = instance("rs-x");

        life.emit(new CaExpiryStateReachedEvent("rs-x", ca.serial(), ca.notAfter(), ExpiryState.RENEW_SOON,
                ca.notAfter().minusSeconds(86_400L * 29)), "system:expiry");
        project(life.events());
        project(life.events()); // redelivered

        AuditDoc entry = audit("rs-x").get(audit("rs-x").size() - 1);
        assertThat(entry.type()).isEqualTo("CaExpiryStateReached");
        assertThat(entry.actor()).isEqualTo("system:expiry");
        assertThat(entry.operationId()).isNull();
        assertThat(entry.summary()).isEqualTo("CA certificate serial " + ca.serial() + " renew soon: expires "
                + ca.notAfter() + "; rotate it (zero-outage rotation: the nodes trust both CAs until clients have "
                + "the new one)");
        assertThat(audit("rs-x")).filteredOn(a -> a.type().equals("CaExpiryStateReached")).hasSize(1);

        InstanceDoc after = instance("rs-x");
        assertThat(after.lastSequence).isEqualTo(before.lastSequence + 1);
        assertThat(after.stale).isFalse();
        assertThat(after.sslStatus).isEqualTo(before.sslStatus);
        assertThat(after.operation).isEqualTo(before.operation);
    }

    @Test
    void expiredSaysToRotateNow() {
        var life = new Lifecycle("rs-y", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca)
                .emit(new CaExpiryStateReachedEvent("rs-y", ca.serial(), ca.notAfter(), ExpiryState.EXPIRED,
                        ca.notAfter().plusSeconds(5)), "system:expiry");
        project(life.events());

        assertThat(audit("rs-y").get(audit("rs-y").size() - 1).summary()).isEqualTo("CA certificate serial "
                + ca.serial() + " expired at " + ca.notAfter()
                + ": certificates it signed are no longer accepted; rotate the CA now");
    }
}
