package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.model.CertificateInfo;

/**
 * One readable line per event for the audit trail. Built only from public facts (serials, fingerprints, node
 * names); certificate PEMs are left out, and events carry no key material to begin with.
 */
final class AuditSummaries {

    static String of(SslEvent event) {
        if (event instanceof InstanceRegisteredEvent e) {
            return "Instance registered: engine " + e.engineVersion() + ", " + e.topology() + ", "
                    + e.nodes().size() + " node(s), " + e.collectionCount() + " collection(s); SSL disabled";
        }
        if (event instanceof SslEnabledEvent e) {
            return "SSL enabled by operation " + e.operationId() + ": " + ca(e.ca()) + "; rolling restart of "
                    + e.nodes().size() + " node(s) begins";
        }
        if (event instanceof CertificateRotatedEvent e) {
            return "CA certificate rotated by operation " + e.operationId() + ": " + ca(e.ca())
                    + " replaces serial " + e.previousSerial() + "; rolling restart of " + e.nodes().size()
                    + " node(s) begins";
        }
        if (event instanceof SslDisabledEvent e) {
            return "SSL disabled by operation " + e.operationId() + ": CA serial " + e.previousSerial()
                    + " retired; rolling restart of " + e.nodes().size() + " node(s) without TLS begins";
        }
        if (event instanceof NodeRestartStartedEvent e) {
            return "Node " + e.nodeName() + " restarting (operation " + e.operationId() + ", attempt "
                    + e.attempt() + ")";
        }
        if (event instanceof NodeRestartedEvent e) {
            return "Node " + e.nodeName() + " restarted and healthy (operation " + e.operationId()
                    + "), unreachable for " + e.unreachableMillis() + " ms";
        }
        if (event instanceof RestartCompletedEvent e) {
            return "Rolling restart of " + e.kind() + " operation " + e.operationId() + " completed in "
                    + e.totalMillis() + " ms";
        }
        if (event instanceof RestartFailedEvent e) {
            return "Rolling restart of " + e.kind() + " operation " + e.operationId() + " failed at node "
                    + e.nodeName() + ": " + e.reason() + "; waiting for a retry";
        }
        if (event instanceof RestartRetriedEvent e) {
            return "Rolling restart of " + e.kind() + " operation " + e.operationId() + " retried (attempt "
                    + e.attempt() + "), " + e.completedNodes().size() + " node(s) already done";
        }
        return event.getClass().getSimpleName();
    }

    private static String ca(CertificateInfo ca) {
        return "CA serial " + ca.serial() + ", SHA-256 " + ca.sha256Fingerprint() + ", valid until "
                + ca.notAfter();
    }

    private AuditSummaries() {
    }
}
