package dev.sslplane.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Every setting of the worker; see application.yml for defaults and environment variables. */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
        String id,
        @Valid @NotNull Mongo mongo,
        @Valid @NotNull Kafka kafka,
        @Valid @NotNull Jobs jobs,
        @Valid @NotNull Health health,
        @Valid @NotNull Signing signing,
        @NotBlank String nodeOperator,
        @Valid @NotNull Simulated simulated,
        @Valid @NotNull Fleet fleet) {

    public record Mongo(@NotBlank String uri, @NotBlank String collection) {
    }

    /** {@code deadLetterTopic}: records from ssl.events this worker cannot read go there with the reason. */
    public record Kafka(@NotBlank String groupId, @NotBlank String deadLetterTopic, @Min(1) int progressPartitions,
                        @Min(1) short replicationFactor) {
    }

    /**
     * @param concurrency   jobs one worker runs at once
     * @param lease         how long a claim lasts without renewal; another worker takes over after it expires
     * @param renewInterval how often the owner renews its leases (well below {@code lease})
     * @param pollInterval  how often to look for claimable jobs besides being told about new ones
     * @param stepTimeout   per node: certificate, restart and health gate together
     */
    public record Jobs(@Min(1) @Max(10_000) int concurrency, @NotNull Duration lease, @NotNull Duration renewInterval,
                       @NotNull Duration pollInterval, @NotNull Duration stepTimeout) {
    }

    /**
     * @param pollInterval           pause between two health probes of a restarting node
     * @param serverSelectionTimeout driver server-selection timeout of one probe (TLS failures surface as it)
     * @param tlsAbsentTimeout       how long a TLS attempt may take before TLS counts as not offered
     */
    public record Health(@NotNull Duration pollInterval, @NotNull Duration serverSelectionTimeout,
                         @NotNull Duration tlsAbsentTimeout) {
    }

    /**
     * @param commandServiceUrl base URL of the command service's signing endpoint
     * @param bearerToken       the worker's API token (role {@code worker}), sent as {@code Authorization: Bearer};
     *                          never logged (see {@link #toString()})
     * @param bearerTokenFile   where to read the token when {@code bearerToken} is blank (a mounted secret)
     */
    public record Signing(@NotBlank String commandServiceUrl, String bearerToken, String bearerTokenFile,
                          @NotNull Duration requestTimeout) {

        @Override
        public String toString() {
            return "Signing[commandServiceUrl=" + commandServiceUrl + ", bearerToken=" + redacted(bearerToken)
                    + ", bearerTokenFile=" + bearerTokenFile + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    /**
     * The simulated operator's downtime model: {@code baseDowntime} plus {@code perThousandCollections} for every
     * 1,000 collections beyond {@code collectionThreshold}, all multiplied by {@code timeScale}.
     *
     * @param faults {@code instanceId/nodeName=FAIL|HANG|UNHEALTHY} entries, for demos and tests
     */
    public record Simulated(@NotNull Duration baseDowntime, @NotNull Duration perThousandCollections,
                            @Min(0) int collectionThreshold, @DecimalMin("0.0") double timeScale,
                            List<String> faults) {
        public Simulated {
            faults = faults == null ? List.of() : List.copyOf(faults);
        }
    }

    /** The local fleet's control API; the token comes from {@code token} or else from {@code tokenFile}. */
    public record Fleet(@NotBlank String url, String token, Path tokenFile, @NotNull Duration requestTimeout) {

        @Override
        public String toString() {
            return "Fleet[url=" + url + ", token=" + redacted(token) + ", tokenFile=" + tokenFile
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    /** Whether a secret is set, never its value. */
    static String redacted(String secret) {
        return secret == null || secret.isBlank() ? "<unset>" : "<redacted>";
    }
}
