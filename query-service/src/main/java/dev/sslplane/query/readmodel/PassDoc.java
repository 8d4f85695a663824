package dev.sslplane.query.readmodel;

import dev.sslplane.contracts.procedure.Pass;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** One pass of an operation (as planned by the command side) and its step on each node, in registration order. */
public final class PassDoc {

    public int number;
    /** Stable name, e.g. {@code ALLOW_TLS}, {@code CA_BUNDLE}; null for a pass no starting event announced. */
    public String name;
    /** {@code RESTART} or {@code RUNTIME}. */
    public String action;
    /** The TLS mode every node has after the pass. */
    public String mode;
    public String certificate;
    public String trust;
    public List<StepDoc> steps = new ArrayList<>();

    public PassDoc() {
    }

    PassDoc(int number) {
        this.number = number;
    }

    /** Takes the plan's description of the pass; the steps stay. */
    public void describe(Pass pass) {
        name = pass.name();
        action = pass.action().name();
        mode = pass.mode().name();
        certificate = pass.certificate().name();
        trust = pass.trust().name();
    }

    /** The node's step, created PENDING when the pass has none yet. */
    public StepDoc step(String node) {
        for (StepDoc s : steps) {
            if (s.node.equals(node)) {
                return s;
            }
        }
        var s = new StepDoc(node);
        steps.add(s);
        return s;
    }

    public long stepsDone() {
        return steps.stream().filter(StepDoc::done).count();
    }

    public boolean done() {
        return !steps.isEmpty() && stepsDone() == steps.size();
    }

    Document toDocument() {
        return new Document("number", number).append("name", name).append("action", action).append("mode", mode)
                .append("certificate", certificate).append("trust", trust)
                .append("steps", steps.stream().map(StepDoc::toDocument).toList());
    }

    static PassDoc from(Document d) {
        var p = new PassDoc(Bsons.intOr(d, "number", 1));
        p.name = d.getString("name");
        p.action = d.getString("action");
        p.mode = d.getString("mode");
        p.certificate = d.getString("certificate");
        p.trust = d.getString("trust");
        p.steps = new ArrayList<>(Bsons.docs(d, "steps").stream().map(StepDoc::from).toList());
        return p;
    }
}
