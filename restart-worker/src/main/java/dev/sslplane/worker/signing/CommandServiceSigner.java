package dev.sslplane.worker.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.messaging.SignedCertificate;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Relays CSRs to the command service's signing endpoint ({@link SignCsrRequest#PATH}). A 4xx problem document
 * is a refusal (its {@code code} becomes the failure reason); 5xx and connection errors are transient.
 */
public class CommandServiceSigner implements CertificateSigner {

    private final WebClient client;
    private final Duration requestTimeout;

    public CommandServiceSigner(WebClient.Builder builder, String baseUrl, String bearerToken,
                                Duration requestTimeout) {
        var configured = builder.baseUrl(baseUrl);
        if (bearerToken != null && !bearerToken.isBlank()) {
            configured = configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        }
        this.client = configured.build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Mono<SignedCertificate> sign(String instanceId, String operationId, String nodeName, String csrPem) {
        return client.post()
                .uri(SignCsrRequest.PATH, instanceId, operationId, nodeName)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(new SignCsrRequest(csrPem))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(SignedCertificate.class)
                                .filter(s -> s.certificatePem() != null)
                                .switchIfEmpty(Mono.error(new IllegalStateException(
                                        "signing endpoint answered without a certificate")));
                    }
                    if (response.statusCode().is4xxClientError()) {
                        int status = response.statusCode().value();
                        return response.bodyToMono(JsonNode.class)
                                .defaultIfEmpty(MissingNode.getInstance())
                                .onErrorReturn(MissingNode.getInstance())
                                .flatMap(problem -> Mono.error(new SigningRefusedException(
                                        problem.path("code").asText("HTTP_" + status),
                                        problem.path("detail").asText(null))));
                    }
                    return Mono.error(new IllegalStateException(
                            "signing endpoint answered " + response.statusCode().value()));
                })
                .timeout(requestTimeout);
    }
}
