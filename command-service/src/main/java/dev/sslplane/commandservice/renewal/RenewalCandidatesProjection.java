package dev.sslplane.commandservice.renewal;

import dev.sslplane.commandservice.renewal.RenewalCandidate.NodeCertificate;
import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.SslStatus;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link RenewalCandidateStore} from the events: each instance's renewal policy, SSL state, operation under
 * way and current node certificates (replaced per node when one is issued, cleared when SSL is disabled, dropped
 * with a member that leaves), and the current CA with the expiry states recorded per CA serial. A tracking processor
 * ({@value #PROCESSING_GROUP}) with its token in the MongoDB token store, like {@code scheduled-operations}: it
 * resumes after a restart, and one replica holds the segment while every replica's {@link AutomaticRenewal} and
 * {@link CaExpiryWatch} read the store. Every write sets values taken from the event, so an event handled again
 * writes the same document (a recorded expiry state only ever moves forward).
 */
@Component
@ProcessingGroup(RenewalCandidatesProjection.PROCESSING_GROUP)
class RenewalCandidatesProjection {

    static final String PROCESSING_GROUP = "renewal-candidates";

    private final RenewalCandidateStore store;

    RenewalCandidatesProjection(RenewalCandidateStore store) {
        this.store = store;
    }

    /** The sequence identifies this setting of the policy: the renewals it schedules are named after it. */
    @EventHandler
    void on(RenewalPolicySetEvent event, @SequenceNumber long sequence) {
        store.update(event.instanceId(), c -> {
            c.policy = event.policy();
            c.policySequence = sequence;
        });
    }

    @EventHandler
    void on(OperationStartingEvent event) {
        store.update(event.instanceId(), c -> {
            c.operationUnderWay = event.operationId();
            c.scheduledOperation = null;
            if (event.ca() != null) {
                currentCa(c, event.ca());
            }
            if (event instanceof SslEnabledEvent) {
                c.sslEnabled = true;
            } else if (event instanceof SslDisabledEvent) {
                sslOff(c);
            } else if (event instanceof OperationRollingBackEvent rollback && rollback.ca() == null) {
                // rolling back an enable: the nodes end without TLS and their certificates are no longer used
                sslOff(c);
            } else if (event instanceof OperationRollingBackEvent) {
                c.sslEnabled = true;
            }
        });
    }

    @EventHandler
    void on(RestartCompletedEvent event) {
        store.update(event.instanceId(), c -> endOperation(c, event.operationId()));
    }

    /**
     * An abort that left the instance as before restores its SSL state; one that requires a rollback leaves the
     * candidate as it is, and the aggregate refuses a renewal until the rollback ran.
     */
    @EventHandler
    void on(OperationAbortedEvent event) {
        store.update(event.instanceId(), c -> {
            endOperation(c, event.operationId());
            if (!event.rollbackRequired() && event.sslStatus() != SslStatus.ENABLED) {
                sslOff(c);
            } else if (!event.rollbackRequired()) {
                c.sslEnabled = true;
                if (event.ca() != null) {
                    currentCa(c, event.ca());
                }
            }
        });
    }

    /** A read-back that found every node as before the aborted operation restores its SSL state, like such an abort. */
    @EventHandler
    void on(NodeTlsStatesObservedEvent event) {
        if (event.rollbackRequired() || event.sslStatus() == null) {
            return;
        }
        store.update(event.instanceId(), c -> {
            if (event.sslStatus() != SslStatus.ENABLED) {
                sslOff(c);
            } else {
                c.sslEnabled = true;
                c.caNotAfter = event.ca() == null ? c.caNotAfter : event.ca().notAfter();
            }
        });
    }

    @EventHandler
    void on(OperationScheduledEvent event) {
        store.update(event.instanceId(), c -> c.scheduledOperation = event.operationId());
    }

    @EventHandler
    void on(ScheduledOperationCancelledEvent event) {
        notScheduled(event.instanceId(), event.operationId());
    }

    @EventHandler
    void on(ScheduledOperationRefusedEvent event) {
        notScheduled(event.instanceId(), event.operationId());
    }

    private void notScheduled(String instanceId, String operationId) {
        store.update(instanceId, c -> {
            if (Objects.equals(c.scheduledOperation, operationId)) {
                c.scheduledOperation = null;
            }
        });
    }

    @EventHandler
    void on(NodeCertificateIssuedEvent event) {
        store.update(event.instanceId(), c -> c.replaceCertificate(new NodeCertificate(event.nodeName(),
                event.certificate().serial(), event.certificate().notBefore(), event.certificate().notAfter())));
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        store.update(event.instanceId(), c -> c.removeCertificate(event.memberName()));
    }

    @EventHandler
    void on(MemberReplacedEvent event) {
        store.update(event.instanceId(), c -> c.removeCertificate(event.replacedName()));
    }

    /** The aggregate recorded the CA's warning: the expiry watch does not ask for it again. */
    @EventHandler
    void on(CaExpiryStateReachedEvent event) {
        store.update(event.instanceId(), c -> c.caExpiryReached.merge(event.caSerial(), event.state(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b));
    }

    private static void currentCa(RenewalCandidate candidate, CertificateInfo ca) {
        candidate.caSerial = ca.serial();
        candidate.caNotBefore = ca.notBefore();
        candidate.caNotAfter = ca.notAfter();
    }

    private static void endOperation(RenewalCandidate candidate, String operationId) {
        if (Objects.equals(candidate.operationUnderWay, operationId)) {
            candidate.operationUnderWay = null;
        }
    }

    private static void sslOff(RenewalCandidate candidate) {
        candidate.sslEnabled = false;
        candidate.caNotAfter = null;
        candidate.caSerial = null;
        candidate.caNotBefore = null;
        candidate.certificates.clear();
    }
}
