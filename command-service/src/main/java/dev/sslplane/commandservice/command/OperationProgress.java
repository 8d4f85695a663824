package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of one operation: every pass of its plan times every node of the instance, named by {@link StepKey}.
 * Answers the rule questions about done steps (is a pass finished, is the operation complete, which pass is under
 * way) so the aggregate does not count steps itself. Immutable.
 */
final class OperationProgress {

    private final List<Pass> passes;
    private final List<String> nodeNames;

    OperationProgress(List<Pass> passes, List<NodeSpec> nodes) {
        this.passes = List.copyOf(passes);
        this.nodeNames = nodes.stream().map(NodeSpec::name).toList();
    }

    List<Pass> passes() {
        return passes;
    }

    List<String> nodeNames() {
        return nodeNames;
    }

    /** The same passes over another member list (a member changed while the operation is FAILED). */
    OperationProgress withNodes(List<NodeSpec> nodes) {
        return new OperationProgress(passes, nodes);
    }

    int passCount() {
        return passes.size();
    }

    int nodeCount() {
        return nodeNames.size();
    }

    boolean hasStep(int pass, String nodeName) {
        return pass >= 1 && pass <= passes.size() && nodeNames.contains(nodeName);
    }

    boolean issuesCertificates() {
        return passes.stream().anyMatch(Pass::issuesCertificates);
    }

    /** Every step of passes 1 to {@code lastPass}. */
    Set<String> stepsThrough(int lastPass) {
        var steps = new LinkedHashSet<String>();
        for (int pass = 1; pass <= Math.min(lastPass, passes.size()); pass++) {
            for (String node : nodeNames) {
                steps.add(StepKey.of(pass, node));
            }
        }
        return steps;
    }

    int stepCount() {
        return passes.size() * nodeNames.size();
    }

    boolean doneThrough(int lastPass, Set<String> doneSteps) {
        return doneSteps.containsAll(stepsThrough(lastPass));
    }

    boolean complete(Set<String> doneSteps) {
        return doneThrough(passes.size(), doneSteps);
    }

    /** The first pass with a step not done; the last pass once every step is done. */
    int currentPass(Set<String> doneSteps) {
        for (int pass = 1; pass <= passes.size(); pass++) {
            if (!doneThrough(pass, doneSteps)) {
                return pass;
            }
        }
        return passes.size();
    }

    /** Nodes whose step in {@code pass} is done. */
    int nodesDone(int pass, Set<String> doneSteps) {
        return (int) nodeNames.stream().filter(node -> doneSteps.contains(StepKey.of(pass, node))).count();
    }

    /** How users see a pass: {@code pass 2/3 NEW_CERTIFICATES}. */
    String describe(int pass) {
        return "pass " + pass + "/" + passes.size() + " " + passes.get(pass - 1).name();
    }
}
