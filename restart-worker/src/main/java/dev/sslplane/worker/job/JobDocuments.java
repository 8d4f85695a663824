package dev.sslplane.worker.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CaTrust;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Job documents to and from {@link RestartJob}. Jobs recorded before passes existed carry {@code completedNodes}
 * and no passes, engine or step keys: they read as the one-pass procedure of their kind, their completed nodes as
 * pass-1 steps, so that such a job still resumes where it stopped.
 */
final class JobDocuments {

    static final Date NEVER_LEASED = new Date(0);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Jobs recorded before engines mattered ran on the fleet's 4.2-like nodes. */
    static final EngineVersion LEGACY_ENGINE = EngineVersion.V4_2;

    private JobDocuments() {
    }

    static Document newJob(OperationStartingEvent event, int attempt, Instant now) {
        return new Document("_id", event.operationId())
                .append("instanceId", event.instanceId())
                .append("kind", event.kind().name())
                .append("engine", event.engineVersion())
                .append("caPem", event.ca() == null ? null : event.ca().pem())
                .append("previousCaPem", event.previousCa() == null ? null : event.previousCa().pem())
                .append("passes", passDocs(event.plan()))
                .append("holdAfterPass", event.holdAfterPass())
                .append("nodes", event.nodes().stream().map(JobDocuments::nodeDoc).toList())
                .append("targets", event.targets())
                .append("collectionCount", event.collectionCount())
                .append("operator", operatorDoc(event.operator()))
                .append("attempt", attempt)
                .append("state", JobState.PENDING.name())
                .append("completedSteps", new ArrayList<>(event.doneSteps()))
                .append("unreachable", new ArrayList<Document>())
                .append("changesBegan", false)
                .append("outstanding", true)
                .append("leaseOwner", null)
                .append("leaseExpiresAt", NEVER_LEASED)
                .append("fence", 0L)
                .append("createdAt", Date.from(now));
    }

    static List<Document> passDocs(List<Pass> passes) {
        return passes.stream().map(p -> new Document("number", p.number()).append("name", p.name())
                .append("action", p.action().name()).append("mode", p.mode().name())
                .append("certificate", p.certificate().name()).append("trust", p.trust().name())).toList();
    }

    static Document nodeDoc(NodeSpec node) {
        return new Document("name", node.name()).append("host", node.host()).append("port", node.port())
                .append("role", node.role().name()).append("altNames", node.altNames());
    }

    /** The target as the event carried it (a plain mapping of its fields), or {@code null}. */
    static Document operatorDoc(NodeOperatorTarget operator) {
        return operator == null ? null : new Document(JSON.convertValue(operator, MAP));
    }

    private static NodeOperatorTarget toOperator(Document doc) {
        return doc == null ? null : JSON.convertValue(doc, NodeOperatorTarget.class);
    }

    static Document doneStepDoc(String stepKey, long unreachableMillis, NodeObservation observed) {
        var doc = new Document("step", stepKey).append("millis", unreachableMillis);
        if (observed != null) {
            doc.append("mode", observed.mode() == null ? null : observed.mode().name())
                    .append("trustedCaSerials", observed.trustedCaSerials())
                    .append("role", observed.role() == null ? null : observed.role().name());
        }
        return doc;
    }

    static RestartJob toJob(Document doc) {
        OperationKind kind = OperationKind.valueOf(doc.getString("kind"));
        String engine = doc.getString("engine");
        List<Document> passDocs = doc.getList("passes", Document.class, List.of());
        Number total = (Number) doc.get("totalMillis");
        return new RestartJob(
                doc.getString("_id"),
                doc.getString("instanceId"),
                kind,
                engine == null ? LEGACY_ENGINE : EngineVersion.of(engine),
                doc.getString("caPem"),
                doc.getString("previousCaPem"),
                passDocs.isEmpty() ? Procedures.legacy(kind) : passDocs.stream().map(JobDocuments::toPass).toList(),
                doc.getInteger("holdAfterPass"),
                doc.getList("nodes", Document.class).stream().map(JobDocuments::toNode).toList(),
                doc.getInteger("collectionCount", 0),
                toOperator(doc.get("operator", Document.class)),
                doc.getInteger("attempt", 1),
                JobState.valueOf(doc.getString("state")),
                completedSteps(doc),
                doneSteps(doc),
                doc.getBoolean("changesBegan", false),
                failure(doc),
                total == null ? null : total.longValue(),
                doc.getBoolean("outstanding", false),
                doc.getString("leaseOwner"),
                instant(doc.getDate("leaseExpiresAt")),
                ((Number) doc.get("fence")).longValue(),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("startedAt")),
                instant(doc.getDate("finishedAt")),
                doc.getBoolean("abortRequested", false),
                // jobs recorded before operations could target members have none: every member
                doc.getList("targets", String.class));
    }

    private static LinkedHashSet<String> completedSteps(Document doc) {
        var steps = new LinkedHashSet<>(doc.getList("completedSteps", String.class, List.of()));
        doc.getList("completedNodes", String.class, List.of()).forEach(node -> steps.add(StepKey.of(1, node)));
        return steps;
    }

    private static Map<String, RestartJob.DoneStep> doneSteps(Document doc) {
        Map<String, RestartJob.DoneStep> done = new LinkedHashMap<>();
        for (Document d : doc.getList("unreachable", Document.class, List.of())) {
            String step = d.getString("step") != null ? d.getString("step") : StepKey.of(1, d.getString("node"));
            NodeObservation observed = d.containsKey("mode") ? new NodeObservation(
                    d.getString("mode") == null ? null : TlsMode.valueOf(d.getString("mode")),
                    d.getList("trustedCaSerials", String.class, List.of()),
                    d.getString("role") == null ? null : NodeRole.valueOf(d.getString("role"))) : null;
            done.put(step, new RestartJob.DoneStep(((Number) d.get("millis")).longValue(), observed));
        }
        return done;
    }

    private static RestartJob.Failure failure(Document doc) {
        if (doc.getString("failureReason") == null) {
            return null;
        }
        return new RestartJob.Failure(doc.getString("failedNode"), doc.getInteger("failedPass", 1),
                doc.getString("failureCode"), doc.getString("failureReason"));
    }

    private static Pass toPass(Document d) {
        return new Pass(d.getInteger("number"), d.getString("name"), PassAction.valueOf(d.getString("action")),
                TlsMode.valueOf(d.getString("mode")), CertificateChange.valueOf(d.getString("certificate")),
                CaTrust.valueOf(d.getString("trust")));
    }

    private static NodeSpec toNode(Document doc) {
        return new NodeSpec(doc.getString("name"), doc.getString("host"), doc.getInteger("port"),
                NodeRole.valueOf(doc.getString("role")), doc.getList("altNames", String.class));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
