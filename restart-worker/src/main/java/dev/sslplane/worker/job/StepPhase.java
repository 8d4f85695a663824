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

    /** Entering the phase it is in (a retry) keeps the last reason, so that a timeout can still say it. */
    void enter(String doing, NodeFailureCode code) {
        if (!doing.equals(this.doing)) {
            this.lastReason = null;
        }
        this.doing = doing;
        this.code = code;
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
