package dev.sslplane.commandservice.renewal;

import dev.sslplane.commandservice.renewal.RenewalCandidate.NodeCertificate;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Whether an instance's node certificates are due for automatic renewal, and the operation id that renewal gets.
 * Pure, so the rule is tested without a clock or a store.
 */
final class RenewalDecision {

    private RenewalDecision() {
    }

    /**
     * The renewal to schedule now, if any: SSL on, no operation under way or scheduled, and a current node
     * certificate RENEW_SOON or EXPIRED that a renewal can extend (one that ends with the CA cannot be: node
     * certificates never outlast their CA, so renewing it would restart the nodes every window for nothing). The
     * caller has read only instances whose policy renews in the window.
     *
     * <p>The id is derived from the instance, the setting of the policy and the certificates renewed: every poll and
     * every replica names the same renewal, which the aggregate takes as a repeat; once those certificates are
     * replaced, the next renewal has a new id. A cancelled automatic renewal is therefore not proposed again for the
     * same certificates until the policy is set again (OFF, then IN_MAINTENANCE_WINDOW) or a command renews them.
     */
    static Optional<String> due(RenewalCandidate candidate, ExpiryPolicy expiry, Instant now) {
        if (!candidate.sslEnabled || candidate.operationUnderWay != null || candidate.scheduledOperation != null
                || candidate.certificates.isEmpty()) {
            return Optional.empty();
        }
        boolean anyDue = candidate.certificates.stream()
                .filter(c -> candidate.caNotAfter == null || c.notAfter().isBefore(candidate.caNotAfter))
                .anyMatch(c -> expiry.at(c.notBefore(), c.notAfter(), now).state() != ExpiryState.OK);
        return anyDue ? Optional.of(operationId(candidate)) : Optional.empty();
    }

    static String operationId(RenewalCandidate candidate) {
        String renewed = candidate.certificates.stream().map(NodeCertificate::serial).sorted()
                .collect(Collectors.joining(","));
        String name = "renewal/" + candidate.instanceId + "/" + candidate.policySequence + "/" + renewed;
        return "renew-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
