package dev.sslplane.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Every setting of the worker; see application.yml for defaults and environment variables. */
@Validated
@ConfigurationProperties("sslplane.worker")
public record WorkerProperties(
        String id,
        @Valid @NotNull Mongo mongo,
        @Valid @NotNull Kafka kafka,
        @Valid @NotNull Jobs jobs,
        @Valid @NotNull Health health,
        @Valid @NotNull Signing signing,
        @NotEmpty(message = NODE_OPERATOR_REQUIRED)
        List<@NotNull @Pattern(regexp = "simulated|local-fleet|systemd|percona", message = NODE_OPERATOR_REQUIRED) String>
                nodeOperator,
        @Valid @NotNull NodeClient nodeClient,
        @Valid @NotNull StepDown stepDown,
        @Valid @NotNull Simulated simulated,
        @Valid @NotNull Fleet fleet,
        @Valid @NotNull Systemd systemd,
        @Valid @NotNull Percona percona) {

    /**
     * No default outside the {@code local} profile: a worker must be told which nodes it drives. A list: instances
     * name their operator at registration, and those registered without one go to the first.
     */
    static final String NODE_OPERATOR_REQUIRED = "sslplane.worker.node-operator (SSLPLANE_WORKER_NODE_OPERATOR) must"
            + " list the node operators this worker serves: systemd (mongod hosts over SSH), percona (Percona"
            + " Operator for MongoDB on Kubernetes), local-fleet (the demo fleet), or simulated alone (no real nodes: tests and local development only)";

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
     * @param stepTimeout   per step: step-down, change and health gate together (and per node certificate)
     * @param stepTimeoutPerThousandCollections added to {@code stepTimeout} per 1,000 collections beyond
     *                      {@code stepTimeoutIncludedCollections}, in proportion
     * @param stepTimeoutIncludedCollections collections {@code stepTimeout} already covers (default 10,000)
     */
    public record Jobs(@Min(1) @Max(10_000) int concurrency, @NotNull Duration lease, @NotNull Duration renewInterval,
                       @NotNull Duration pollInterval, @NotNull Duration stepTimeout,
                       @NotNull Duration stepTimeoutPerThousandCollections,
                       @Min(0) Integer stepTimeoutIncludedCollections) {

        public Jobs {
            stepTimeoutIncludedCollections = stepTimeoutIncludedCollections == null
                    ? 10_000 : stepTimeoutIncludedCollections;
        }
    }

    /**
     * @param pollInterval pause between two health checks of a node after its step
     * @param maxLag       how far behind the primary a member may be for the set to count as healthy
     */
    public record Health(@NotNull Duration pollInterval, @NotNull Duration maxLag) {
    }

    /** Timeouts of one command to a managed node (one connection per command). */
    public record NodeClient(@NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
    }

    /**
     * @param stepDownFor      {@code replSetStepDown} seconds: the old primary is not electable for that long
     * @param secondaryCatchUp {@code secondaryCatchUpPeriodSecs}: how long the primary waits for a secondary to
     *                         catch up before it refuses to step down
     */
    public record StepDown(@NotNull Duration stepDownFor, @NotNull Duration secondaryCatchUp) {
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

    /**
     * The systemd operator's timeouts and the one directory its SSH keys and known-hosts files may be read from;
     * the hosts themselves come with each instance's registration.
     */
    public record Systemd(@NotNull Duration connectTimeout, @NotNull Duration commandTimeout,
                          @NotNull Duration restartTimeout, @NotNull Path credentialsDirectory) {
    }

    /**
     * The percona operator's settings: the one directory kubeconfig files named in registrations may be read from
     * (none named = the in-cluster service account), the timeout of each API request, and how long the Percona
     * operator may report {@code error} before the step fails with its message (it retries on its own meanwhile).
     */
    public record Percona(@NotNull Path credentialsDirectory, @NotNull Duration requestTimeout,
                          @NotNull Duration errorGrace) {
    }

    /** Whether a secret is set, never its value. */
    static String redacted(String secret) {
        return secret == null || secret.isBlank() ? "<unset>" : "<redacted>";
    }
}
