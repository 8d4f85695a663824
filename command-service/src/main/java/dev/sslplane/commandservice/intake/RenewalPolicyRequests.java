package dev.sslplane.commandservice.intake;

import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.model.RenewalPolicy;
import java.util.Arrays;
import java.util.List;

/** Reads a {@link RenewalPolicyRequest} (REST and Kafka alike): exactly one of the policy names, nothing else. */
public final class RenewalPolicyRequests {

    private RenewalPolicyRequests() {
    }

    /** The policy of a valid request; {@code VALIDATION_FAILED} otherwise. */
    public static RenewalPolicy read(RenewalPolicyRequest request) {
        String name = request == null ? null : request.policy();
        return Arrays.stream(RenewalPolicy.values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> InputRules.invalid(List.of("policy must be one of "
                        + Arrays.toString(RenewalPolicy.values()))));
    }
}
