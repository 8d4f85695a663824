package dev.sslplane.commandservice.api;

import dev.sslplane.contracts.model.RenewalPolicy;

/** Body of the answer to setting the renewal policy: the policy now in force and the position of the write. */
record RenewalPolicyAccepted(String instanceId, RenewalPolicy policy, long position) {
}
