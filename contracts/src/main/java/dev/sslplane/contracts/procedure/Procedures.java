package dev.sslplane.contracts.procedure;

import static dev.sslplane.contracts.procedure.CaTrust.BUNDLE;
import static dev.sslplane.contracts.procedure.CaTrust.KEEP;
import static dev.sslplane.contracts.procedure.CaTrust.NONE;
import static dev.sslplane.contracts.procedure.CaTrust.OPERATION_CA;
import static dev.sslplane.contracts.procedure.PassAction.RESTART;
import static dev.sslplane.contracts.procedure.PassAction.RUNTIME;

import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The passes of each operation, as MongoDB documents them, so that no member is ever unable to reach another:
 * a member opens TLS to its peers only once every member accepts TLS, and trusts both CAs while either signs
 * a member's certificate.
 */
public final class Procedures {

    /** The pass after which a rotation with {@code holdOldCa} waits for clients. */
    public static final int ROTATION_HOLD_PASS = 2;

    private Procedures() {
    }

    /** allowTLS with a rolling restart, then preferTLS (and requireTLS when asked) at run time. */
    public static List<Pass> enable(boolean requireTls) {
        var passes = new Builder()
                .add("ALLOW_TLS", RESTART, TlsMode.ALLOW, CertificateChange.NEW, OPERATION_CA)
                .add("PREFER_TLS", RUNTIME, TlsMode.PREFER, CertificateChange.KEEP, KEEP);
        if (requireTls) {
            passes.add("REQUIRE_TLS", RUNTIME, TlsMode.REQUIRE, CertificateChange.KEEP, KEEP);
        }
        return passes.build();
    }

    /** CA bundle first, then new certificates under the bundle, then the new CA alone; the mode stays. */
    public static List<Pass> rotate(TlsMode mode) {
        return new Builder()
                .add("CA_BUNDLE", RESTART, mode, CertificateChange.KEEP, BUNDLE)
                .add("NEW_CERTIFICATES", RESTART, mode, CertificateChange.NEW, BUNDLE)
                .add("NEW_CA_ONLY", RESTART, mode, CertificateChange.KEEP, OPERATION_CA)
                .build();
    }

    /**
     * New node certificates under the CA the nodes already trust, in one rolling restart at the current mode. The
     * operation's CA is the current CA, so writing it as the CA file leaves every node trusting exactly what it
     * trusted: members with old and new certificates verify each other throughout, and no client changes anything.
     */
    public static List<Pass> renewNodeCertificates(TlsMode mode) {
        return new Builder().add("NEW_CERTIFICATES", RESTART, mode, CertificateChange.NEW, OPERATION_CA).build();
    }

    /** Down one mode per rolling restart: (require →) prefer → allow → disabled. */
    public static List<Pass> disable(TlsMode mode) {
        var passes = new Builder();
        if (mode == TlsMode.REQUIRE) {
            passes.add("DOWN_TO_PREFER_TLS", RESTART, TlsMode.PREFER, CertificateChange.KEEP, KEEP);
        }
        return passes.add("DOWN_TO_ALLOW_TLS", RESTART, TlsMode.ALLOW, CertificateChange.KEEP, KEEP)
                .add("TLS_DISABLED", RESTART, TlsMode.DISABLED, CertificateChange.NONE, NONE)
                .build();
    }

    public static List<Pass> enforce() {
        return new Builder().add("REQUIRE_TLS", RUNTIME, TlsMode.REQUIRE, CertificateChange.KEEP, KEEP).build();
    }

    /** mongod never lowers the mode at run time, so relaxing takes a rolling restart. */
    public static List<Pass> relax() {
        return new Builder().add("DOWN_TO_PREFER_TLS", RESTART, TlsMode.PREFER, CertificateChange.KEEP, KEEP)
                .build();
    }

    /**
     * The passes that bring the nodes of an aborted operation back to the state before it, given the last pass in
     * which any step started ({@code reachedPass}): the node in progress may be on either side of its step, so
     * every pass is safe from both. Each pass keeps every member able to reach every other, as in the forward
     * procedures. Empty when no procedure applies: a renewal changes neither mode nor trust, and a rollback's own
     * rollback is the rollback it interrupted.
     *
     * @param aborted    the aborted operation's kind
     * @param plan       its passes
     * @param modeBefore the mode every node had before it
     */
    public static List<Pass> rollback(OperationKind aborted, List<Pass> plan, int reachedPass, TlsMode modeBefore) {
        List<Pass> reached = plan.subList(0, Math.max(0, Math.min(reachedPass, plan.size())));
        if (reached.isEmpty()) {
            return List.of();
        }
        return switch (aborted) {
            case ENABLE -> backToDisabled(highestMode(reached));
            case DISABLE -> backUpTo(modeBefore, lowestMode(reached));
            case ROTATE -> backToPreviousCa(modeBefore, reached);
            case ENFORCE_TLS -> relax();
            case RELAX_TLS -> enforce();
            case RENEW_NODE_CERTIFICATES, ROLLBACK -> List.of();
        };
    }

    /** Down one mode per rolling restart from the highest mode any node reached; certificates stay until the end. */
    private static List<Pass> backToDisabled(TlsMode highest) {
        var passes = new Builder();
        if (highest == TlsMode.REQUIRE) {
            passes.add("DOWN_TO_PREFER_TLS", RESTART, TlsMode.PREFER, CertificateChange.KEEP, KEEP);
        }
        if (highest.compareTo(TlsMode.PREFER) >= 0) {
            passes.add("DOWN_TO_ALLOW_TLS", RESTART, TlsMode.ALLOW, CertificateChange.KEEP, KEEP);
        }
        return passes.add("TLS_DISABLED", RESTART, TlsMode.DISABLED, CertificateChange.NONE, NONE).build();
    }

    /**
     * Up from the lowest mode any node reached to the mode before: a node that dropped TLS gets a certificate of the
     * operation's CA (the one it had) again under allowTLS; the rest is run-time changes, which only go up.
     */
    private static List<Pass> backUpTo(TlsMode before, TlsMode lowest) {
        var passes = new Builder();
        if (lowest == TlsMode.DISABLED) {
            passes.add("ALLOW_TLS", RESTART, TlsMode.ALLOW, CertificateChange.NEW, OPERATION_CA);
        }
        if (lowest.compareTo(TlsMode.PREFER) < 0 && before.compareTo(TlsMode.PREFER) >= 0) {
            passes.add("PREFER_TLS", RUNTIME, TlsMode.PREFER, CertificateChange.KEEP, KEEP);
        }
        if (before == TlsMode.REQUIRE) {
            passes.add("REQUIRE_TLS", RUNTIME, TlsMode.REQUIRE, CertificateChange.KEEP, KEEP);
        }
        return passes.build();
    }

    /**
     * A rotation run backwards, the operation's CA being the previous one: trust both again where a node already
     * trusts the new CA alone, present certificates of the previous CA again where new ones were issued, then trust
     * the previous CA alone.
     */
    private static List<Pass> backToPreviousCa(TlsMode mode, List<Pass> reached) {
        var passes = new Builder();
        if (reached.stream().anyMatch(p -> p.trust() == OPERATION_CA)) {
            passes.add("CA_BUNDLE", RESTART, mode, CertificateChange.KEEP, BUNDLE);
        }
        if (reached.stream().anyMatch(Pass::issuesCertificates)) {
            passes.add("PREVIOUS_CA_CERTIFICATES", RESTART, mode, CertificateChange.NEW, BUNDLE);
        }
        return passes.add("PREVIOUS_CA_ONLY", RESTART, mode, CertificateChange.KEEP, OPERATION_CA).build();
    }

    private static TlsMode highestMode(List<Pass> passes) {
        return passes.stream().map(Pass::mode).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static TlsMode lowestMode(List<Pass> passes) {
        return passes.stream().map(Pass::mode).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** Whether the passes need the operation's CA certificate: they issue certificates under it or trust it. */
    public static boolean needOperationCa(List<Pass> passes) {
        return passes.stream().anyMatch(p -> p.issuesCertificates() || p.trust() == OPERATION_CA
                || p.trust() == BUNDLE);
    }

    /** What operations recorded before passes existed did: one rolling restart straight to the end state. */
    public static List<Pass> legacy(OperationKind kind) {
        if (kind == OperationKind.DISABLE) {
            return new Builder().add("RESTART", RESTART, TlsMode.DISABLED, CertificateChange.NONE, NONE).build();
        }
        return new Builder().add("RESTART", RESTART, TlsMode.PREFER, CertificateChange.NEW, OPERATION_CA).build();
    }

    private static final class Builder {
        private final List<Pass> passes = new ArrayList<>();

        Builder add(String name, PassAction action, TlsMode mode, CertificateChange certificate, CaTrust trust) {
            passes.add(new Pass(passes.size() + 1, name, action, mode, certificate, trust));
            return this;
        }

        List<Pass> build() {
            return List.copyOf(passes);
        }
    }
}
