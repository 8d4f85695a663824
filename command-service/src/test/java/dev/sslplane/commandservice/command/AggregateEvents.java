package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * The aggregate's events as it records them, and matchers of its refusals, for the fixture tests of
 * {@link SslConfiguration}.
 */
final class AggregateEvents {

    static final String ID = "rs-1";
    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    static final List<NodeSpec> NODES = List.of(
            new NodeSpec("n0", "10.0.0.1", 27017, NodeRole.PRIMARY, List.of()),
            new NodeSpec("n1", "10.0.0.2", 27017, NodeRole.SECONDARY, List.of()),
            new NodeSpec("n2", "10.0.0.3", 27017, NodeRole.SECONDARY, List.of()));
    static final NodeObservation OBSERVED = new NodeObservation(TlsMode.ALLOW, List.of("5f3a9c"),
            NodeRole.SECONDARY);
    static final NodeOperatorTarget SYSTEMD = NodeOperatorTarget.systemd(new SystemdTarget("mongod-admin",
            "/etc/sslplane/id_ed25519", "/etc/sslplane/known_hosts", true, null, null, null, null,
            List.of(new SystemdHost("n2", "10.0.0.13", 2222, null, null, null))));

    /** The deployment's node-certificate validity (sslplane.pki.leaf-validity's default). */
    static final Duration NODE_VALIDITY = Duration.ofDays(397);

    private AggregateEvents() {
    }


    static CertificateInfo ca(String operationId) {
        return new CertificateInfo("serial-" + operationId, "FP:" + operationId, "CN=ca " + operationId, T,
                T.plusSeconds(3600), "EC-P256", "-----BEGIN CERTIFICATE-----\n" + operationId + "\n");
    }

    static CertificateInfo leaf(String node) {
        return new CertificateInfo("01", "FP:" + node, "CN=" + node, T, T.plusSeconds(86_400L * 397), "EC-P256",
                "leaf:" + node);
    }

    static InstanceRegisteredEvent registered() {
        return registered(Topology.REPLICA_SET, "4.2");
    }

    static InstanceRegisteredEvent registered(Topology topology, String version) {
        return new InstanceRegisteredEvent(ID, version, topology, NODES, 42);
    }

    static InstanceRegisteredEvent registered(NodeOperatorTarget operator) {
        return new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, NODES, 42, operator);
    }

    static SslEnabledEvent enabled(String op) {
        return enabled(op, false);
    }

    static SslEnabledEvent enabled(String op, boolean requireTls) {
        return enabled(op, requireTls, null);
    }

    static SslEnabledEvent enabled(String op, boolean requireTls, NodeOperatorTarget operator) {
        return new SslEnabledEvent(ID, op, ca(op), NODES, 42, "4.2", requireTls, Procedures.enable(requireTls),
                operator, NODE_VALIDITY);
    }

    static CertificateRotatedEvent rotated(String op, String previousOp, TlsMode mode, boolean holdOldCa) {
        return rotated(op, previousOp, mode, holdOldCa, null);
    }

    static CertificateRotatedEvent rotated(String op, String previousOp, TlsMode mode, boolean holdOldCa,
                                                   NodeOperatorTarget operator) {
        return new CertificateRotatedEvent(ID, op, ca(op), "serial-" + previousOp, NODES, 42, "4.2", ca(previousOp),
                holdOldCa, Procedures.rotate(mode), operator, NODE_VALIDITY);
    }

    static SslDisabledEvent disabled(String op, String previousOp, TlsMode mode) {
        return disabled(op, previousOp, mode, null);
    }

    static SslDisabledEvent disabled(String op, String previousOp, TlsMode mode,
                                             NodeOperatorTarget operator) {
        return new SslDisabledEvent(ID, op, "serial-" + previousOp, NODES, 42, "4.2", ca(previousOp),
                Procedures.disable(mode), operator);
    }

    static TlsEnforcementChangedEvent enforcement(String op, String caOp, boolean requireTls) {
        return enforcement(op, caOp, requireTls, null);
    }

    static TlsEnforcementChangedEvent enforcement(String op, String caOp, boolean requireTls,
                                                          NodeOperatorTarget operator) {
        return new TlsEnforcementChangedEvent(ID, op, requireTls, ca(caOp), NODES, 42, "4.2",
                requireTls ? Procedures.enforce() : Procedures.relax(), operator);
    }

    /** A renewal of the node certificates under the CA that operation {@code caOp} created. */
    static NodeCertificatesRenewingEvent renewing(String op, String caOp, TlsMode mode) {
        return new NodeCertificatesRenewingEvent(ID, op, ca(caOp), NODES, 42, "4.2",
                Procedures.renewNodeCertificates(mode), null, NODE_VALIDITY);
    }

    static NodeRestartedEvent stepDone(String op, int pass, String node) {
        return new NodeRestartedEvent(ID, op, node, 30_000, T, pass, OBSERVED);
    }

    static NodeRestartStartedEvent stepStarted(String op, int pass, String node, int attempt) {
        return new NodeRestartStartedEvent(ID, op, node, attempt, T, pass, NodeRole.SECONDARY);
    }

    static RestartFailedEvent failed(String op, OperationKind kind, int pass, String node) {
        return new RestartFailedEvent(ID, op, kind, node, "health gate timed out", T, pass, "UNHEALTHY");
    }

    /** Every node's step of passes {@code from} to {@code to}. */
    static Object[] passesDone(String op, int from, int to) {
        return IntStream.rangeClosed(from, to).boxed()
                .flatMap(pass -> NODES.stream().map(n -> stepDone(op, pass, n.name())))
                .toArray();
    }

    static Set<String> steps(int from, int to) {
        var steps = new java.util.LinkedHashSet<String>();
        IntStream.rangeClosed(from, to).forEach(pass -> NODES.forEach(n -> steps.add(StepKey.of(pass, n.name()))));
        return steps;
    }

    static RestartCompletedEvent completed(String op, OperationKind kind) {
        return new RestartCompletedEvent(ID, op, kind, 1000, T);
    }

    /** An operation started by {@code start}, every step of its plan done, then completed. */
    static Object[] finished(dev.sslplane.contracts.event.OperationStartingEvent start) {
        var events = new ArrayList<Object>();
        events.add(start);
        events.addAll(Arrays.asList(passesDone(start.operationId(), 1, start.plan().size())));
        events.add(completed(start.operationId(), start.kind()));
        return events.toArray();
    }

    static Object[] history(Object... parts) {
        return Arrays.stream(parts)
                .flatMap(p -> p instanceof Object[] array ? Arrays.stream(array) : Stream.of(p))
                .toArray();
    }

    /** Registered, SSL enabled (preferTLS, or requireTLS) and idle. */
    static Object[] enabledAndIdle(boolean requireTls) {
        return history(registered(), finished(enabled("op-1", requireTls)));
    }

    /** A rotation with holdOldCa that finished its second pass and waits for clients. */
    static Object[] rotationAwaitingClients() {
        return history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, true), passesDone("op-2", 1, 2),
                new RotationAwaitingClientsEvent(ID, "op-2", 2, T));
    }

    /** Matches a refusal by its code. */
    static Matcher<DomainException> codeIs(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("DomainException with code " + code);
            }
        };
    }

    /** Matches a refusal by its code and some of its details. */
    static Matcher<DomainException> detailsContain(ErrorCode code, Map<String, Object> expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && e.details().entrySet().containsAll(expected.entrySet());
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(code + " with details containing " + expected);
            }
        };
    }

    /** Matches an exception whose message contains {@code text}. */
    static Matcher<Throwable> messageContains(String text) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e.getMessage() != null && e.getMessage().contains(text);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("message containing " + text);
            }
        };
    }
}
