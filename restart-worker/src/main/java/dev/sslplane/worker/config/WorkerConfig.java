package dev.sslplane.worker.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.security.MongoTlsProperties;
import dev.sslplane.worker.health.NodeStateReader;
import dev.sslplane.worker.job.AbortReadBack;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.job.RollingRestart;
import dev.sslplane.worker.job.RunSettings;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.progress.KafkaProgressPublisher;
import dev.sslplane.worker.progress.ProgressPublisher;
import dev.sslplane.worker.signing.CertificateSigner;
import dev.sslplane.worker.signing.CommandServiceSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the job engine from its parts; each part is replaceable by declaring a bean of its type. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoTlsProperties.class)
public class WorkerConfig {

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    MongoClient workerMongoClient(WorkerProperties properties, MongoTlsProperties tls, SslBundles bundles) {
        return MongoClients.create(mongoClientSettings(properties.mongo().uri(), tls, bundles));
    }

    /** The connection string, plus TLS from the named SSL bundle when {@code sslplane.mongodb.ssl-bundle} is set. */
    static MongoClientSettings mongoClientSettings(String uri, MongoTlsProperties tls, SslBundles bundles) {
        return tls.applyTo(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri)), bundles)
                .build();
    }

    @Bean
    JobStore jobStore(MongoClient client, WorkerProperties properties) {
        String database = new ConnectionString(properties.mongo().uri()).getDatabase();
        var store = new JobStore(client.getDatabase(database == null ? "sslplane_worker" : database)
                .getCollection(properties.mongo().collection()));
        store.ensureIndexes().block(Duration.ofSeconds(30));
        return store;
    }

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    CertificateSigner certificateSigner(WebClient.Builder builder, WorkerProperties properties) throws IOException {
        var signing = properties.signing();
        // the command service signs only for callers with the worker role: fail now, not at the first Enable
        String token = SecretSetting.read(signing.bearerToken(), signing.bearerTokenFile()).orElseThrow(() ->
                new IllegalStateException("SSLPLANE_WORKER_SIGNING_BEARER_TOKEN (sslplane.worker.signing.bearer-token) is"
                        + " not set, nor is SSLPLANE_WORKER_SIGNING_BEARER_TOKEN_FILE a readable file: the worker needs an API token with the worker"
                        + " role to have node certificates signed"));
        return new CommandServiceSigner(builder.clone(), signing.commandServiceUrl(), token, signing.requestTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    ProgressPublisher progressPublisher(KafkaTemplate<String, byte[]> template, MessageCodec codec) {
        return new KafkaProgressPublisher(template, codec);
    }

    @Bean
    RollingRestart rollingRestart(JobStore store, NodeOperator operator, ReplicaSetClient client,
                                  CertificateSigner signer, ProgressPublisher progress, WorkerMetrics metrics,
                                  WorkerProperties properties, Clock clock) {
        return new RollingRestart(store, operator, client, signer, progress, metrics, runSettings(properties), clock);
    }

    static RunSettings runSettings(WorkerProperties properties) {
        var jobs = properties.jobs();
        return new RunSettings(jobs.stepTimeout(), jobs.stepTimeoutPerThousandCollections(),
                properties.health().pollInterval(), properties.health().maxLag(),
                properties.stepDown().stepDownFor(), properties.stepDown().secondaryCatchUp(),
                jobs.stepTimeoutIncludedCollections());
    }

    @Bean
    JobEngine jobEngine(JobStore store, RollingRestart restart, WorkerMetrics metrics, WorkerProperties properties,
                        Clock clock) {
        var jobs = properties.jobs();
        return new JobEngine(store, restart, metrics, workerId(properties.id()), jobs.concurrency(), jobs.lease(),
                jobs.renewInterval(), jobs.pollInterval(), clock);
    }

    /** Reads the nodes of every aborted operation back; the sweep runs at the job engine's poll rhythm. */
    @Bean
    AbortReadBack abortReadBack(JobStore store, NodeOperator operator, ReplicaSetClient client,
                                ProgressPublisher progress, WorkerProperties properties, Clock clock) {
        return new AbortReadBack(store, new NodeStateReader(client, operator), progress, clock,
                properties.jobs().pollInterval());
    }

    static String workerId(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
