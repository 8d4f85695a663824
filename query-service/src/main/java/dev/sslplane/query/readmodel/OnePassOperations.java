package dev.sslplane.query.readmodel;

import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Procedures;
import java.util.List;
import org.bson.Document;

/**
 * Reads operation documents written before operations had passes (per node: a state and one step per attempt) as
 * the one pass they were, so a deployment upgraded without a rebuild keeps showing, and folding into, them.
 */
final class OnePassOperations {

    static PassDoc pass(String kind, List<Document> nodes) {
        var pass = new PassDoc(1);
        pass.describe(Procedures.legacy(kind == null ? OperationKind.ENABLE : OperationKind.valueOf(kind)).get(0));
        for (Document node : nodes) {
            StepDoc step = pass.step(node.getString("name"));
            step.state = switch (String.valueOf(node.getString("state"))) {
                case "RESTARTED" -> StepDoc.State.DONE.name();
                case "RESTARTING" -> StepDoc.State.RUNNING.name();
                case "FAILED" -> StepDoc.State.FAILED.name();
                default -> StepDoc.State.PENDING.name();
            };
            List<Document> attempts = Bsons.docs(node, "steps");
            if (!attempts.isEmpty()) {
                Document last = attempts.get(attempts.size() - 1);
                step.attempt = Bsons.intOr(last, "attempt", 1);
                step.startedAt = Bsons.instant(last, "startedAt");
                step.finishedAt = Bsons.instant(last, "restartedAt");
                step.durationMillis = Bsons.longOrNull(last, "durationMillis");
                step.unreachableMillis = Bsons.longOrNull(last, "unreachableMillis");
            }
        }
        return pass;
    }

    private OnePassOperations() {
    }
}
