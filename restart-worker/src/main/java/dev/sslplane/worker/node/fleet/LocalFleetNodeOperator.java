package dev.sslplane.worker.node.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.MongodConfig;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Client of the local fleet's control API ({@code deploy/local-fleet}), which stands in for hosts: the worker
 * writes a node's files and mongod config there and restarts it, exactly as a systemd operator would on a host.
 * The fleet is its own process and keeps running when a worker dies. It never creates a node: one the fleet does
 * not know ({@code 404 NODE_NOT_FOUND}) fails the step. The nodes themselves are reached at their registered
 * addresses by the worker's node client, never through the fleet.
 */
public class LocalFleetNodeOperator implements NodeOperator {

    private static final String NODE = "/api/v1/instances/{instanceId}/nodes/{node}";

    private final WebClient client;
    private final Duration requestTimeout;

    public LocalFleetNodeOperator(WebClient.Builder builder, String url, String token, Duration requestTimeout) {
        this.client = builder.baseUrl(url)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
        return json(client.post().uri(NODE + "/csr", instance.instanceId(), node.name())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("subjectAltNames", subjectAltNames)))
                .map(reply -> reply.path("csrPem").asText());
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        Mono<Void> certificate = config.certificate().change() != CertificateChange.NEW ? Mono.empty()
                : json(client.put().uri(NODE + "/tls/certificate", instance.instanceId(), node.name())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("certificatePem", config.certificate().chainPem()))).then();
        Mono<Void> ca = config.caFile().kind() != NodeTlsConfig.CaFile.Kind.REPLACE ? Mono.empty()
                : json(client.put().uri(NODE + "/tls/ca", instance.instanceId(), node.name())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("caPem", config.caFile().pem()))).then();
        return certificate.then(ca)
                .then(writeConfig(instance, node, config))
                .then(json(client.post().uri(NODE + "/restart", instance.instanceId(), node.name())))
                .then();
    }

    @Override
    public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return writeConfig(instance, node, config);
    }

    @Override
    public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
        return status(instance, node).map(status -> {
            var serials = new ArrayList<String>();
            status.path("trustedCas").forEach(ca -> serials.add(ca.path("serial").asText()));
            return List.copyOf(serials);
        });
    }

    /** The node's current config file with {@code config} applied, naming the files where the fleet keeps them. */
    private Mono<Void> writeConfig(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return status(instance, node).zipWith(currentConfig(instance, node)).flatMap(both -> {
            JsonNode paths = both.getT1().path("paths");
            String rendered;
            try {
                rendered = MongodConfig.render(both.getT2(), config, new MongodConfig.Files(
                        paths.path("certificateKeyFile").asText(), paths.path("caFile").asText()));
            } catch (IllegalArgumentException e) {
                return Mono.error(new NodeOperatorException("node " + node.name() + ": " + e.getMessage(), false));
            }
            return json(client.put().uri(NODE + "/config", instance.instanceId(), node.name())
                    .contentType(MediaType.TEXT_PLAIN).bodyValue(rendered)).then();
        });
    }

    private Mono<JsonNode> status(InstanceRef instance, NodeSpec node) {
        return json(client.get().uri(NODE, instance.instanceId(), node.name()));
    }

    private Mono<String> currentConfig(InstanceRef instance, NodeSpec node) {
        return client.get().uri(NODE + "/config", instance.instanceId(), node.name())
                .accept(MediaType.TEXT_PLAIN, MediaType.ALL)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(String.class).defaultIfEmpty("") : refusal(response))
                .timeout(requestTimeout);
    }

    private Mono<JsonNode> json(WebClient.RequestHeadersSpec<?> request) {
        return request.accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(JsonNode.class).defaultIfEmpty(MissingNode.getInstance())
                        : refusal(response))
                .timeout(requestTimeout);
    }

    /**
     * The fleet's problem document as an operator failure: mongod refusing to start is NODE_START_FAILED with
     * mongod's reason; any other 4xx is final; 5xx may pass.
     */
    private static <T> Mono<T> refusal(ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(JsonNode.class)
                .defaultIfEmpty(MissingNode.getInstance())
                .onErrorReturn(MissingNode.getInstance())
                .flatMap(problem -> {
                    String code = problem.path("code").asText("");
                    String detail = problem.path("detail").asText("");
                    if ("NODE_START_FAILED".equals(code)) {
                        return Mono.error(new NodeOperatorException("mongod did not start: " + detail, false,
                                NodeFailureCode.NODE_START_FAILED));
                    }
                    String message = "fleet answered " + status + (code.isEmpty() ? "" : " " + code)
                            + (detail.isEmpty() ? "" : ": " + detail);
                    if ("NODE_NOT_FOUND".equals(code)) {
                        message += " (the fleet never creates nodes: create it there first)";
                    }
                    return Mono.error(new NodeOperatorException(message, status >= 500));
                });
    }
}
