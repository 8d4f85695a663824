package dev.sslplane.cli;

import dev.sslplane.client.model.Operation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints an operation's progress as it arrives on the stream: one line each time a node's step in a pass changes
 * state ("pass 1/2 ALLOW_TLS   rs0-1  SECONDARY  DONE 1.2 s"), plus the operation's own state changes. Lines, not
 * an in-place display, so the output reads the same in a terminal, a pipe and a CI log.
 */
final class ProgressPrinter implements Consumer<Operation> {

    private final Output output;
    private final Map<String, String> printed = new HashMap<>();
    private String state;

    ProgressPrinter(Output output) {
        this.output = output;
    }

    @Override
    public void accept(Operation operation) {
        int passes = operation.passes().size();
        for (Operation.Pass pass : operation.passes()) {
            for (Operation.PassStep step : pass.steps()) {
                String key = pass.number() + "/" + step.node();
                String shown = step.state() + "/" + step.attempt();
                if ("PENDING".equals(step.state()) || shown.equals(printed.get(key))) {
                    continue;
                }
                printed.put(key, shown);
                output.line(String.format("  pass %d/%d %-18s %-10s %-10s %s%s", pass.number(), passes, pass.name(),
                        step.node(), Output.cell(step.role()), step.state(),
                        "DONE".equals(step.state()) ? " " + Output.seconds(step.durationMillis())
                                + (step.unreachableMillis() == null ? ""
                                : ", unreachable " + Output.seconds(step.unreachableMillis())) : ""));
            }
        }
        if (!operation.state().equals(state)) {
            if (state != null || !"RUNNING".equals(operation.state())) {
                output.line("  operation " + operation.state() + " (" + operation.stepsDone() + "/"
                        + operation.stepsTotal() + " steps)");
            }
            state = operation.state();
        }
    }

    /** The closing line: how it ended and, if it failed or was aborted, where and what next. */
    void finished(Operation operation) {
        String took = operation.totalMillis() == null ? "" : " in " + Output.duration(
                Duration.ofMillis(operation.totalMillis()));
        String what = operation.kind() + " of " + operation.instanceId();
        switch (operation.state()) {
            case "COMPLETED" -> output.line(what + " completed" + took);
            case "WAITING_FOR_CLIENTS" -> output.line(what + " waits for clients to trust the new CA; finish it "
                    + "when they do (finish-rotation)");
            case "CANCELLED" -> output.line(what + " was cancelled before it started; no node was touched");
            case "ABORTED" -> output.line(what + " ABORTED after " + operation.stepsDone() + "/"
                    + operation.stepsTotal() + " steps; 'sslplane status " + operation.instanceId() + "' shows each "
                    + "node's TLS mode now" + rollbackHint(operation));
            case "FAILED" -> {
                Operation.Failure failure = operation.failure();
                output.line(what + " FAILED"
                        + (failure == null ? "" : " at node " + failure.nodeName() + " (pass " + failure.pass() + ", "
                        + failure.code() + "): " + failure.reason())
                        + "; resume it with: sslplane retry " + operation.operationId() + " (or end it with: "
                        + "sslplane abort " + operation.instanceId() + " " + operation.operationId() + ")");
            }
            default -> output.line(what + " " + operation.state());
        }
    }

    /** A renewal changes neither mode nor trust, so there is nothing to bring back. */
    private static String rollbackHint(Operation operation) {
        if ("RENEW_NODE_CERTIFICATES".equals(operation.kind())) {
            return "";
        }
        return "; to bring the nodes back to before it: sslplane rollback " + operation.instanceId() + " "
                + operation.operationId();
    }
}
