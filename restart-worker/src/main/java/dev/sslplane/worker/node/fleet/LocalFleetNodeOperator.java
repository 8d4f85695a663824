package dev.sslplane.worker.node.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeState;
import dev.sslplane.worker.node.TlsSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Client of the local fleet's control API ({@code deploy/local-fleet}). The fleet is its own process and keeps
 * running when a worker dies. Nodes are ensured (created if missing) before every plan; a node's address is
 * the registered host with the port the fleet reports.
 */
public class LocalFleetNodeOperator implements NodeOperator {

    private static final String NODES = "/api/v1/instances/{instanceId}/nodes";

    private final WebClient client;
    private final Duration requestTimeout;

    public LocalFleetNodeOperator(WebClient.Builder builder, String url, String token, Duration requestTimeout) {
        this.client = builder.baseUrl(url)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Mono<List<NodeState>> inspect(InstanceRef instance, List<NodeSpec> nodes) {
        return Flux.fromIterable(nodes)
                .concatMap(spec -> ensure(instance, spec).map(status -> new NodeState(spec,
                        NodeRole.valueOf(status.path("role").asText(spec.role().name())), spec.host(),
                        status.path("port").asInt(spec.port()))))
                .collectList();
    }

    @Override
    public Mono<Void> provision(InstanceRef instance, List<NodeSpec> nodes) {
        return Flux.fromIterable(nodes).concatMap(spec -> ensure(instance, spec)).then();
    }

    private Mono<JsonNode> ensure(InstanceRef instance, NodeSpec spec) {
        Map<String, Object> body = new HashMap<>();
        body.put("host", spec.host());
        body.put("port", spec.port());
        body.put("role", spec.role().name());
        body.put("altNames", spec.altNames());
        return call(client.put().uri(NODES + "/{node}", instance.instanceId(), spec.name()), body);
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeState node, List<String> subjectAltNames) {
        return call(client.post().uri(NODES + "/{node}/csr", instance.instanceId(), node.name()),
                Map.of("subjectAltNames", subjectAltNames))
                .map(reply -> reply.path("csrPem").asText());
    }

    @Override
    public Mono<Void> stepDown(InstanceRef instance, NodeState node) {
        return call(client.post().uri(NODES + "/{node}/step-down", instance.instanceId(), node.name()), Map.of())
                .then();
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeState node, TlsSettings settings) {
        Map<String, Object> body = new HashMap<>();
        body.put("tls", settings.tls());
        if (settings.tls()) {
            body.put("certificatePem", settings.certificatePem());
            body.put("caPem", settings.caPem());
        }
        return call(client.post().uri(NODES + "/{node}/restart", instance.instanceId(), node.name()), body).then();
    }

    /** 4xx: refused, retrying will not help; 5xx and connection problems: retryable. */
    private Mono<JsonNode> call(WebClient.RequestBodySpec request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class);
                    }
                    int status = response.statusCode().value();
                    return response.bodyToMono(JsonNode.class)
                            .defaultIfEmpty(com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                            .onErrorReturn(com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                            .flatMap(problem -> Mono.error(new NodeOperatorException("fleet answered " + status + " "
                                    + problem.path("code").asText("") + ": " + problem.path("detail").asText(""),
                                    status >= 500)));
                })
                .timeout(requestTimeout);
    }
}
