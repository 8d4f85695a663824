package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An operation was accepted to start in the instance's maintenance window instead of now. Nothing is provisioned
 * yet (no CA): the operation holds the instance (no other may start or be scheduled) until it starts, with the same
 * operation id and the same events as if it had been asked for then, or is cancelled.
 *
 * @param kind         what it will do
 * @param requireTls   enable / TLS enforcement: the request's choice; {@code null} for other kinds
 * @param holdOldCa    rotate: the request's choice; {@code null} for other kinds
 * @param caKeyAlgorithm enable / rotate: the certificate options asked for ({@link CertificateOptions}), each
 *                     {@code null} = the deployment's setting when the operation starts
 * @param caValidity   see {@code caKeyAlgorithm}
 * @param nodeCertificateValidity see {@code caKeyAlgorithm}
 * @param startsAt     when the window it runs in opens (in the past when scheduled inside an open window)
 * @param windowEnds   when that window closes: not started by then, it is deferred to the next window
 * @param members      renewal of node certificates: the members it renews; {@code null} (or empty, and in events of
 *                     version 1) = every member, and for other kinds
 */
public record OperationScheduledEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        Boolean requireTls,
        Boolean holdOldCa,
        String caKeyAlgorithm,
        Duration caValidity,
        Duration nodeCertificateValidity,
        Instant startsAt,
        Instant windowEnds,
        List<String> members) implements SslEvent {

    public OperationScheduledEvent {
        members = members == null || members.isEmpty() ? null : List.copyOf(members);
    }

    /** An operation over every member. */
    public OperationScheduledEvent(String instanceId, String operationId, OperationKind kind, Boolean requireTls,
                                   Boolean holdOldCa, String caKeyAlgorithm, Duration caValidity,
                                   Duration nodeCertificateValidity, Instant startsAt, Instant windowEnds) {
        this(instanceId, operationId, kind, requireTls, holdOldCa, caKeyAlgorithm, caValidity,
                nodeCertificateValidity, startsAt, windowEnds, null);
    }

    /** The certificate options asked for (named without a bean prefix: not a field of the message). */
    public CertificateOptions certificateOptions() {
        return new CertificateOptions(caKeyAlgorithm, caValidity, nodeCertificateValidity);
    }
}
