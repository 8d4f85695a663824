package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;

/**
 * Where a step is, so that a failure or a timeout says so: what it was doing, which code a failure there is
 * reported with, and the health gate's last reason while it waits.
 */
final class StepPhase {

    private volatile String doing = "starting";
    private volatile NodeFailureCode code = NodeFailureCode.ERROR;
    private volatile String lastReason;

    void enter(String doing, NodeFailureCode code) {
        this.doing = doing;
        this.code = code;
        this.lastReason = null;
    }

    void lastReason(String reason) {
        this.lastReason = reason;
    }

    NodeFailureCode code() {
        return code;
    }

    String describe() {
        String reason = lastReason;
        return reason == null ? doing : doing + " (last check: " + reason + ")";
    }
}
