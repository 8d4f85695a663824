package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each node's TLS state as an operation leaves it: the state it started from, with every pass done on it applied in
 * order. A node whose step started and did not finish (it failed there) is not settled: it may be on either side.
 */
final class NodeStates {

    private NodeStates() {
    }

    static List<NodeTlsState> after(RestartOperation operation) {
        var states = new ArrayList<NodeTlsState>();
        for (String node : operation.plan.nodeNames()) {
            NodeTlsState state = operation.startOf(node);
            boolean settled = true;
            for (Pass pass : operation.plan.passes()) {
                String step = StepKey.of(pass.number(), node);
                if (operation.doneSteps.contains(step)) {
                    state = apply(pass, state, operation.ca, operation.previousCa);
                } else if (operation.startedSteps.contains(step)) {
                    settled = false;
                }
            }
            states.add(new NodeTlsState(node, state.mode(), state.trustedCaSerials(), state.certificateCaSerial(),
                    settled));
        }
        return List.copyOf(states);
    }

    /** Every node alike: the instance's state before an operation. */
    static NodeTlsState uniform(String node, InstanceTls tls) {
        List<String> trusted = tls.ca() == null ? List.of() : List.of(tls.ca().serial());
        return new NodeTlsState(node, tls.tlsMode(), trusted, tls.ca() == null ? null : tls.ca().serial(), true);
    }

    static NodeTlsState startOf(String node, InstanceTls before, Map<String, NodeTlsState> known) {
        NodeTlsState state = known.get(node);
        return state != null ? state : uniform(node, before);
    }

    /** Whether two states show the same face: mode, CA file (a set) and the issuer of the certificate presented. */
    static boolean same(NodeTlsState a, NodeTlsState b) {
        return a != null && b != null && a.mode() == b.mode()
                && java.util.Set.copyOf(a.trustedCaSerials()).equals(java.util.Set.copyOf(b.trustedCaSerials()))
                && java.util.Objects.equals(a.certificateCaSerial(), b.certificateCaSerial());
    }

    private static NodeTlsState apply(Pass pass, NodeTlsState state, CertificateInfo ca, CertificateInfo previous) {
        String certificate = switch (pass.certificate()) {
            case NEW -> serial(ca);
            case KEEP -> state.certificateCaSerial();
            case NONE -> null;
        };
        List<String> trusted = switch (pass.trust()) {
            case KEEP -> state.trustedCaSerials();
            case OPERATION_CA -> serials(ca);
            case BUNDLE -> {
                // a CA file is a set: the same order whichever CA came first
                var both = new ArrayList<>(serials(previous));
                both.addAll(serials(ca));
                yield both.stream().sorted().toList();
            }
            case NONE -> List.of();
        };
        return new NodeTlsState(state.node(), pass.mode(), trusted, certificate, true);
    }

    private static String serial(CertificateInfo certificate) {
        return certificate == null ? null : certificate.serial();
    }

    private static List<String> serials(CertificateInfo certificate) {
        return certificate == null ? List.of() : List.of(certificate.serial());
    }
}
