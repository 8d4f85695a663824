package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceChangedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.stream.Collectors;

/**
 * One readable line per event for the audit trail. Built only from public facts (serials, fingerprints, node
 * names, modes); certificate PEMs are left out, and events carry no key material to begin with.
 */
final class AuditSummaries {

    static String of(SslEvent event) {
        if (event instanceof InstanceRegisteredEvent e) {
            return "Instance registered: engine " + e.engineVersion() + ", " + e.topology() + ", "
                    + e.nodes().size() + " node(s), " + e.collectionCount() + " collection(s); SSL disabled";
        }
        if (event instanceof OperationStartingEvent e) {
            return starting(e);
        }
        if (event instanceof NodeRestartStartedEvent e) {
            return "Node " + e.nodeName() + (e.role() == null ? "" : " (" + e.role() + ")") + " step of pass "
                    + e.pass() + " begins (operation " + e.operationId() + ", attempt " + e.attempt() + ")";
        }
        if (event instanceof NodeRestartedEvent e) {
            return "Node " + e.nodeName() + " done with pass " + e.pass() + " and healthy (operation "
                    + e.operationId() + "), unreachable for " + e.unreachableMillis() + " ms" + observed(e.observed());
        }
        if (event instanceof RestartCompletedEvent e) {
            return e.kind() + " operation " + e.operationId() + " completed in " + e.totalMillis() + " ms";
        }
        if (event instanceof RestartFailedEvent e) {
            return e.kind() + " operation " + e.operationId() + " failed in pass " + e.pass()
                    + (e.nodeName() == null ? "" : " at node " + e.nodeName())
                    + (e.code() == null ? "" : " (" + e.code() + ")") + ": " + e.reason() + "; waiting for a retry";
        }
        if (event instanceof NodeCertificateIssuedEvent e) {
            return "Node certificate serial " + e.certificate().serial() + " (" + e.certificate().keyAlgorithm()
                    + ") issued to " + e.nodeName() + " by CA serial " + e.caSerial() + " (operation "
                    + e.operationId() + "), valid until " + e.certificate().notAfter();
        }
        if (event instanceof RotationAwaitingClientsEvent e) {
            return "Rotation " + e.operationId() + " waits for clients after pass " + e.afterPass()
                    + ": every node has its new certificate and trusts both CAs until the rotation is finished";
        }
        if (event instanceof InstanceChangedEvent e) {
            return InstanceChangeSummaries.of(e);
        }
        if (event instanceof RenewalPolicySetEvent e) {
            return e.policy() == RenewalPolicy.OFF ? "Automatic renewal of node certificates turned off"
                    : "Node certificates due for renewal are renewed automatically in the maintenance window";
        }
        if (event instanceof CaExpiryStateReachedEvent e) {
            return caExpiry(e);
        }
        if (event instanceof MaintenanceWindowSetEvent e) {
            return "Maintenance window set: " + e.window().describe();
        }
        if (event instanceof OperationScheduledEvent e) {
            return e.kind() + " operation " + e.operationId() + " scheduled for the maintenance window "
                    + e.startsAt() + " .. " + e.windowEnds() + "; nothing changes until then";
        }
        if (event instanceof ScheduledOperationDeferredEvent e) {
            return e.kind() + " operation " + e.operationId() + " did not start before its window closed at "
                    + e.missedWindowEnd() + "; deferred to the next window " + e.startsAt() + " .. " + e.windowEnds();
        }
        if (event instanceof ScheduledOperationCancelledEvent e) {
            return "Scheduled " + e.kind() + " operation " + e.operationId() + " cancelled before it started";
        }
        if (event instanceof ScheduledOperationRefusedEvent e) {
            return "Scheduled " + e.kind() + " operation " + e.operationId() + " not started: " + e.code() + ": "
                    + e.reason();
        }
        if (event instanceof OperationAbortRequestedEvent e) {
            return "Abort of " + e.kind() + " operation " + e.operationId() + " asked for: no further step starts "
                    + "once the one in progress is done";
        }
        if (event instanceof OperationAbortedEvent e) {
            return aborted(e);
        }
        if (event instanceof NodeTlsStatesObservedEvent e) {
            return observed(e);
        }
        return event.getClass().getSimpleName();
    }

    private static String starting(OperationStartingEvent e) {
        if (e instanceof SslEnabledEvent s) {
            return "SSL enabled by operation " + e.operationId() + ": " + ca(s.ca())
                    + (s.requireTls() ? ", TLS enforcement on (requireTLS)" : "") + "; " + passes(e);
        }
        if (e instanceof CertificateRotatedEvent r) {
            return "CA certificate rotated by operation " + e.operationId() + ": " + ca(r.ca())
                    + " replaces serial " + OperationFolding.previousSerial(e)
                    + (r.holdOldCa() ? ", the old CA kept until the rotation is finished" : "") + "; " + passes(e);
        }
        if (e instanceof SslDisabledEvent d) {
            return "SSL disabled by operation " + e.operationId() + ": CA serial " + OperationFolding.previousSerial(e)
                    + " retired; " + passes(e);
        }
        if (e instanceof TlsEnforcementChangedEvent t) {
            return "TLS enforcement " + (t.requireTls() ? "on (requireTLS)" : "off (back to preferTLS)")
                    + " by operation " + e.operationId() + "; " + passes(e);
        }
        if (e instanceof NodeCertificatesRenewingEvent n) {
            return "Node certificates renewed by operation " + e.operationId() + " under the same " + ca(n.ca())
                    + (n.targets() == null ? "" : " for member(s) " + String.join(", ", n.targets()) + " only")
                    + "; clients change nothing; " + passes(e);
        }
        if (e instanceof RotationFinishingEvent f) {
            return "Rotation " + e.operationId() + " finishing: the nodes drop the old CA"
                    + (f.previousCa() == null ? "" : " (serial " + f.previousCa().serial() + ")")
                    + "; " + passesLeft(e) + " pass(es) left";
        }
        if (e instanceof OperationRollingBackEvent r) {
            return "Rollback " + e.operationId() + " of " + r.abortedKind() + " operation " + r.abortedOperationId()
                    + " begins: the nodes go back to " + (r.ca() == null ? "TLS disabled" : "CA serial "
                    + r.ca().serial()) + (r.previousCa() == null || r.ca() != null
                    && r.previousCa().serial().equals(r.ca().serial()) ? ""
                    : ", CA serial " + r.previousCa().serial() + " out of use") + "; " + passes(e);
        }
        if (e instanceof RestartRetriedEvent r) {
            return r.kind() + " operation " + e.operationId() + " retried (attempt " + r.attempt() + "), "
                    + e.doneSteps().size() + " step(s) already done";
        }
        return e.getClass().getSimpleName();
    }

    /** The CA is never rotated automatically: the entry says what to do. */
    private static String caExpiry(CaExpiryStateReachedEvent e) {
        if (e.state() == ExpiryState.EXPIRED) {
            return "CA certificate serial " + e.caSerial() + " expired at " + e.caNotAfter()
                    + ": certificates it signed are no longer accepted; rotate the CA now";
        }
        return "CA certificate serial " + e.caSerial() + " renew soon: expires " + e.caNotAfter()
                + "; rotate it (zero-outage rotation: the nodes trust both CAs until clients have the new one)";
    }

    private static String aborted(OperationAbortedEvent e) {
        String head = e.kind() + " operation " + e.operationId() + " aborted (it was " + e.stateBefore() + ")";
        if (!e.rollbackRequired()) {
            return head + "; the nodes are as before it: SSL " + e.sslStatus() + ", " + e.tlsMode()
                    + (e.ca() == null ? "" : ", CA serial " + e.ca().serial());
        }
        return head + "; the nodes differ from before it, a rollback is required: " + e.nodes().stream()
                .map(AuditSummaries::node).collect(Collectors.joining("; "));
    }

    private static String observed(NodeTlsStatesObservedEvent e) {
        String nodes = e.nodes().stream().filter(n -> !e.unreadNodes().containsKey(n.node()))
                .map(AuditSummaries::node).collect(Collectors.joining("; "));
        String unread = e.unreadNodes().entrySet().stream().map(u -> u.getKey() + " (" + u.getValue() + ")")
                .collect(Collectors.joining("; "));
        return "Nodes of aborted operation " + e.operationId() + " read back: " + (nodes.isEmpty() ? "none" : nodes)
                + (unread.isEmpty() ? "" : "; not read: " + unread)
                + (e.rollbackRequired() ? "" : "; " + (e.sslStatus() == null ? "no rollback is required"
                        : "every node is as before the operation (SSL " + e.sslStatus() + ", " + e.tlsMode()
                        + "), no rollback is required"));
    }

    private static String node(NodeTlsState n) {
        return n.node() + " " + n.mode() + ", trusts " + (n.trustedCaSerials().isEmpty() ? "no CA"
                : "CA(s) " + String.join(", ", n.trustedCaSerials()))
                + (n.certificateCaSerial() == null ? "" : ", presents a certificate of CA " + n.certificateCaSerial())
                + (n.settled() ? "" : " (not settled: its step was under way)");
    }

    private static String passes(OperationStartingEvent e) {
        return e.plan().size() + " pass(es) over " + e.steppedNodes().size() + " node(s) begin: "
                + e.plan().stream().map(Pass::name).collect(Collectors.joining(", "));
    }

    private static long passesLeft(OperationStartingEvent e) {
        return e.plan().stream().filter(p -> e.nodes().stream()
                .anyMatch(n -> !e.doneSteps().contains(StepKey.of(p.number(), n.name())))).count();
    }

    private static String observed(NodeObservation seen) {
        if (seen == null) {
            return "";
        }
        return "; now " + seen.mode() + ", trusts CA(s) " + String.join(", ", seen.trustedCaSerials())
                + (seen.role() == null ? "" : ", " + seen.role());
    }

    private static String ca(CertificateInfo ca) {
        return "CA serial " + ca.serial() + ", SHA-256 " + ca.sha256Fingerprint() + ", valid until "
                + ca.notAfter();
    }

    private AuditSummaries() {
    }
}
