package dev.sslplane.query.projection;

import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a rebuild has written to its fresh generation so far, kept in memory so the rebuild never reads back:
 * the instance, operation and certificate documents (not the audit, which is only appended), which of them
 * changed since the last flush, and which ids are already stored (insert versus replace). Its size is the size of
 * those three collections.
 */
public final class RebuildCache {

    final Map<String, InstanceDoc> instances = new HashMap<>();
    final Map<String, OperationDoc> operations = new HashMap<>();
    final Map<String, CertificateDoc> certificates = new HashMap<>();
    final Set<String> persistedInstances = new HashSet<>();
    final Set<String> persistedOperations = new HashSet<>();
    final Set<String> persistedCertificates = new HashSet<>();
    final Set<String> dirtyInstances = new HashSet<>();
    final Set<String> dirtyOperations = new HashSet<>();
    final Set<String> dirtyCertificates = new HashSet<>();
}
