package dev.sslplane.query.projection;

import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory working set of one batch: the documents the batch touches (as loaded), changed in place by the
 * {@link Projector}, and which of them must be written back.
 */
public final class ProjectionBatch {

    private final Map<String, InstanceDoc> instances;
    private final Map<String, OperationDoc> operations;
    private final Map<String, CertificateDoc> certificates;
    private final Map<String, AuditDoc> audit = new LinkedHashMap<>();
    private final Set<String> dirtyInstances = new LinkedHashSet<>();
    private final Set<String> dirtyOperations = new LinkedHashSet<>();
    private final Set<String> dirtyCertificates = new LinkedHashSet<>();

    int projected;
    int duplicates;
    int unknownTypes;
    final List<InstanceDoc.Gap> gaps = new ArrayList<>();
    final List<String> gapInstances = new ArrayList<>();

    /**
     * Works on the given (mutable) maps in place: the live projection passes what it just loaded, a rebuild passes
     * its cache of everything it has written so far.
     */
    public ProjectionBatch(Map<String, InstanceDoc> instances, Map<String, OperationDoc> operations,
                           Map<String, CertificateDoc> certificates) {
        this.instances = instances;
        this.operations = operations;
        this.certificates = certificates;
    }

    public static ProjectionBatch empty() {
        return new ProjectionBatch(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    InstanceDoc instance(String instanceId) {
        return instances.computeIfAbsent(instanceId, InstanceDoc::new);
    }

    OperationDoc operation(String operationId, String instanceId) {
        return operations.computeIfAbsent(operationId, id -> {
            var op = new OperationDoc();
            op.operationId = id;
            op.instanceId = instanceId;
            return op;
        });
    }

    CertificateDoc certificate(String instanceId, String serial) {
        return certificates.computeIfAbsent(CertificateDoc.id(instanceId, serial), id -> {
            var c = new CertificateDoc();
            c.instanceId = instanceId;
            c.serial = serial;
            return c;
        });
    }

    CertificateDoc existingCertificate(String instanceId, String serial) {
        return certificates.get(CertificateDoc.id(instanceId, serial));
    }

    /** The node certificates of the instance that the operation retired, among those loaded. */
    List<CertificateDoc> nodeCertificatesRetiredBy(String instanceId, String operationId) {
        return certificates.values().stream().filter(c -> instanceId.equals(c.instanceId) && c.nodeName != null
                && operationId.equals(c.retiredByOperation)).toList();
    }

    void touched(InstanceDoc doc) {
        dirtyInstances.add(doc.instanceId);
    }

    void touched(OperationDoc doc) {
        dirtyOperations.add(doc.operationId);
    }

    void touched(CertificateDoc doc) {
        dirtyCertificates.add(doc.id());
    }

    void audit(AuditDoc entry) {
        audit.putIfAbsent(entry.eventId(), entry);
    }

    public List<InstanceDoc> changedInstances() {
        return dirtyInstances.stream().map(instances::get).toList();
    }

    public List<OperationDoc> changedOperations() {
        return dirtyOperations.stream().map(operations::get).toList();
    }

    public List<CertificateDoc> changedCertificates() {
        return dirtyCertificates.stream().map(certificates::get).toList();
    }

    public List<AuditDoc> auditEntries() {
        return List.copyOf(audit.values());
    }

    public int projected() {
        return projected;
    }

    public int duplicates() {
        return duplicates;
    }

    public int unknownTypes() {
        return unknownTypes;
    }

    public int gapCount() {
        return gaps.size();
    }
}
