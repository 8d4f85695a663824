package dev.sslplane.worker.support;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.signing.CertificateSigner;
import dev.sslplane.worker.signing.SigningRefusedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signs with per-instance test CAs and, like the command service, only the SANs registered for the node.
 */
public final class TestCaSigner implements CertificateSigner {

    private final Map<String, TestCa> cas = new ConcurrentHashMap<>();
    private final Function<String, List<String>> sansOfNode;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** {@code sansOfNode}: "instanceId/nodeName" → the registered subject alternative names. */
    private final String algorithm;

    public TestCaSigner(Function<String, List<String>> sansOfNode) {
        this(sansOfNode, "EC");
    }

    /** {@code algorithm} of the CAs it makes: EC (P-256) for real TLS, Ed25519 for simulated nodes. */
    public TestCaSigner(Function<String, List<String>> sansOfNode, String algorithm) {
        this.sansOfNode = sansOfNode;
        this.algorithm = algorithm;
    }

    public TestCa ca(String instanceId) {
        return cas.computeIfAbsent(instanceId, id -> new TestCa("test CA " + id, algorithm));
    }

    /** A rotation: from now on this instance's CSRs are signed by {@code ca}. */
    public void useCa(String instanceId, TestCa ca) {
        cas.put(instanceId, ca);
    }

    public void refuse(String instanceId, String nodeName) {
        refused.add(instanceId + "/" + nodeName);
    }

    @Override
    public Mono<SignedCertificate> sign(String instanceId, String operationId, String nodeName, String csrPem) {
        return Mono.fromCallable(() -> {
            if (refused.contains(instanceId + "/" + nodeName)) {
                throw new SigningRefusedException(ErrorCode.CSR_NO_RUNNING_OPERATION.name(), "no running operation");
            }
            TestCa ca = ca(instanceId);
            // like the command service: only the SANs registered for the node (those the CSR asks for are issued)
            TestCa.Issued issued = ca.issue(csrPem);
            if (!issued.subjectAltNames().equals(sansOfNode.apply(instanceId + "/" + nodeName))) {
                throw new SigningRefusedException(ErrorCode.CSR_SAN_MISMATCH.name(), "CSR names " + issued.subjectAltNames());
            }
            return new SignedCertificate(issued.pem(), ca.pem(), issued.serial().toString(16), issued.notAfter());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
