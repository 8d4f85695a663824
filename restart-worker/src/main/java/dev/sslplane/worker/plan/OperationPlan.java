package dev.sslplane.worker.plan;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CaTrust;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An operation's passes and what follows from them for each pass: the mode the nodes have before it, how to
 * connect to them while it runs, which CA must have issued the certificates they present after it, and the
 * config each node gets.
 *
 * @param caPem         the operation's CA ({@code null} when it disables TLS); for a rollback, the CA the nodes
 *                      trust and present afterwards (the one before the aborted operation)
 * @param previousCaPem the CA the nodes held before (rotation, disable), or {@code null}; for a rollback, the
 *                      aborted operation's CA. A pass trusting BUNDLE writes both, OPERATION_CA the first alone
 * @param holdAfterPass the pass after which the operation waits for a finish command, or {@code null}
 */
public record OperationPlan(OperationKind kind, EngineVersion engine, List<Pass> passes, String caPem,
                            String previousCaPem, Integer holdAfterPass) {

    public OperationPlan {
        passes = List.copyOf(passes);
        if (passes.isEmpty()) {
            throw new IllegalArgumentException("an operation needs at least one pass");
        }
    }

    public Pass pass(int number) {
        return passes.get(number - 1);
    }

    /** The last pass this run may do: the hold pass, or the last one. */
    public int lastPassToRun() {
        return holdAfterPass == null ? passes.size() : Math.min(holdAfterPass, passes.size());
    }

    /** Whether the run stops after {@link #lastPassToRun()} to wait (instead of completing the operation). */
    public boolean holds() {
        return holdAfterPass != null && holdAfterPass < passes.size();
    }

    /** The passes this run has steps left in, in order. */
    public List<Pass> passesToRun(List<String> nodeNames, Set<String> done) {
        return passes.stream().filter(p -> p.number() <= lastPassToRun())
                .filter(p -> nodeNames.stream().anyMatch(n -> !done.contains(StepKey.of(p.number(), n))))
                .toList();
    }

    /**
     * The mode every node has before {@code pass} (and after the previous one). Before a rollback's first pass the
     * nodes may differ (the aborted operation stopped within a pass): this is then the highest mode any may have,
     * which decides how the worker reaches them.
     */
    public TlsMode modeBefore(Pass pass) {
        if (pass.number() > 1) {
            return pass(pass.number() - 1).mode();
        }
        return switch (kind) {
            case ENABLE -> TlsMode.DISABLED;
            case ROTATE, RENEW_NODE_CERTIFICATES -> pass.mode();
            case DISABLE -> pass.mode() == TlsMode.PREFER ? TlsMode.REQUIRE : TlsMode.PREFER;
            case ENFORCE_TLS -> TlsMode.PREFER;
            case RELAX_TLS -> TlsMode.REQUIRE;
            case ROLLBACK -> rollbackModeBefore(pass);
        };
    }

    /**
     * A rollback's first pass ({@code Procedures.rollback}) undoes the aborted operation's last step direction: a
     * run-time pass goes up one mode (mongod moves only allow → prefer → require), a restart that keeps
     * certificate and CA file goes down one mode, disabling starts from allowTLS, giving certificates back under
     * allowTLS starts from disabled, and a CA change (rotation) keeps the mode.
     */
    private static TlsMode rollbackModeBefore(Pass first) {
        TlsMode[] modes = TlsMode.values();
        if (first.action() == PassAction.RUNTIME) {
            return modes[Math.max(0, first.mode().ordinal() - 1)];
        }
        if (first.mode() == TlsMode.DISABLED) {
            return TlsMode.ALLOW;
        }
        if (first.certificate() == CertificateChange.KEEP && first.trust() == CaTrust.KEEP) {
            return modes[Math.min(modes.length - 1, first.mode().ordinal() + 1)];
        }
        if (first.mode() == TlsMode.ALLOW && first.issuesCertificates() && first.trust() == CaTrust.OPERATION_CA) {
            return TlsMode.DISABLED;
        }
        return first.mode();
    }

    /** Every CA of the operation, the operation's own first. */
    public List<String> knownCas() {
        var cas = new ArrayList<String>();
        if (caPem != null) {
            cas.add(caPem);
        }
        if (previousCaPem != null && !previousCaPem.equals(caPem)) {
            cas.add(previousCaPem);
        }
        return List.copyOf(cas);
    }

    /**
     * How the worker talks to any node while {@code pass} runs: TLS when a node may require it before or after its
     * step (verified against every CA of the operation, since members present either while a rotation runs),
     * plain otherwise, which every other mode accepts.
     */
    public Connection control(Pass pass) {
        boolean tls = modeBefore(pass) == TlsMode.REQUIRE || pass.mode() == TlsMode.REQUIRE;
        if (!tls) {
            return Connection.plain();
        }
        if (knownCas().isEmpty()) {
            throw new IllegalStateException("pass " + pass.number() + " needs TLS but the operation carries no CA");
        }
        return Connection.verified(knownCas());
    }

    /**
     * The CA that must have issued the certificate a node presents after its step of {@code pass}: the operation's
     * CA from the first pass that issues certificates on; before that the CA the node already had (the previous
     * CA of a rotation or a disable, the current CA of an enforcement change). {@code null} if unknown.
     */
    public String expectedIssuer(Pass pass) {
        Optional<Pass> issuing = certificatePass();
        if (issuing.isPresent() && pass.number() >= issuing.get().number()) {
            return caPem;
        }
        if (kind == OperationKind.ROLLBACK && issuing.isEmpty() && caPem != null) {
            // a rollback that issues nothing: no node presents a certificate of the aborted operation's CA, except
            // after an aborted Enable, whose rollback restores no CA (caPem null) and keeps its certificates
            return caPem;
        }
        return previousCaPem != null ? previousCaPem : caPem;
    }

    /** The pass that gives the nodes new certificates, if any. */
    public Optional<Pass> certificatePass() {
        return passes.stream().filter(Pass::issuesCertificates).findFirst();
    }

    /** What a node's config says after its step of {@code pass}; {@code chainPem} is its new chain, if the pass issues one. */
    public NodeTlsConfig nodeConfig(Pass pass, String chainPem) {
        NodeTlsConfig.Certificate certificate = switch (pass.certificate()) {
            case KEEP -> NodeTlsConfig.Certificate.keep();
            case NONE -> NodeTlsConfig.Certificate.none();
            case NEW -> {
                if (chainPem == null) {
                    throw new IllegalStateException("pass " + pass.number() + " needs the node's new certificate");
                }
                yield NodeTlsConfig.Certificate.replaceWith(chainPem);
            }
        };
        NodeTlsConfig.CaFile caFile = switch (pass.trust()) {
            case KEEP -> NodeTlsConfig.CaFile.keep();
            case NONE -> NodeTlsConfig.CaFile.none();
            case OPERATION_CA -> NodeTlsConfig.CaFile.replaceWith(List.of(requireCa(pass)));
            // new first, like the bundle clients download
            case BUNDLE -> NodeTlsConfig.CaFile.replaceWith(knownCas().isEmpty() ? List.of(requireCa(pass)) : knownCas());
        };
        return new NodeTlsConfig(engine, pass.mode(), certificate, caFile);
    }

    private String requireCa(Pass pass) {
        if (caPem == null) {
            throw new IllegalStateException("pass " + pass.number() + " trusts the operation's CA but it has none");
        }
        return caPem;
    }
}
