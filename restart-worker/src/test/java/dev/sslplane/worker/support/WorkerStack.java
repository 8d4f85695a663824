package dev.sslplane.worker.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.worker.WorkerApplication;
import dev.sslplane.worker.signing.CertificateSigner;
import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.FleetProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft broker, an in-memory MongoDB-wire server and the worker application (one or more instances),
 * for integration tests and the benchmark.
 */
public final class WorkerStack implements AutoCloseable {

    public final EmbeddedKafkaKraftBroker kafka;
    public final MongoServer mongo = new MongoServer(new MemoryBackend());
    public final String mongoUri;
    public final MessageCodec codec = new MessageCodec();
    /** One API token per role (plain, for callers) and the hashed file the workers get, as the local stack makes. */
    public final Map<String, String> tokens;
    public final Path tokensFile;
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;

    public WorkerStack(int partitions, String... extraTopics) {
        var topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.RESTART_PROGRESS));
        topics.addAll(List.of(extraTopics));
        kafka = new EmbeddedKafkaKraftBroker(1, partitions, topics.toArray(String[]::new));
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        InetSocketAddress address = mongo.bind();
        mongoUri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/sslplane_worker";
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props);
        try {
            Path secrets = Files.createTempDirectory("worker-it-secrets");
            tokens = LocalTokens.ensure(secrets);
            tokensFile = secrets.resolve(LocalTokens.HASHED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment of a command-service process on this stack's broker and MongoDB-wire server, with a fresh
     * vault master key and the hashed tokens only (the services never see a plain token).
     */
    public Map<String, String> commandServiceEnv() {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Map<String, String> env = new HashMap<>();
        env.put("MONGODB_URI", mongoUri.substring(0, mongoUri.lastIndexOf('/')) + "/sslplane_command");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        env.put("SSLPLANE_VAULT_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        env.put("SSLPLANE_PKI_KEY_ALGORITHM", "EC_P256");
        env.put("SSLPLANE_KAFKA_PARTITIONS", "3");
        env.put("SSLPLANE_SECURITY_TOKENS_FILE", tokensFile.toString());
        return env;
    }

    /**
     * The environment of a worker process on this stack, next to a command-service process on
     * {@code commandServicePort} and {@code fleet}; its own API token is a file in {@code secrets}, as a mounted
     * secret would give it. The caller adds the node operators it serves and any timing of its own.
     */
    public Map<String, String> workerProcessEnv(int commandServicePort, FleetProcess fleet, Path secrets)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        env.put("MONGODB_URI", mongoUri.substring(0, mongoUri.lastIndexOf('/')) + "/sslplane_worker");
        env.put("SSLPLANE_WORKER_FLEET_URL", fleet.url());
        env.put("SSLPLANE_WORKER_FLEET_TOKEN", fleet.token);
        env.put("SSLPLANE_WORKER_SIGNING_COMMAND_SERVICE_URL", "http://127.0.0.1:" + commandServicePort);
        env.put("SSLPLANE_WORKER_SIGNING_BEARER_TOKEN_FILE",
                Files.writeString(secrets.resolve("worker-token"), token(Role.WORKER)).toString());
        env.put("SSLPLANE_SECURITY_TOKENS_FILE", tokensFile.toString());
        env.put("SSLPLANE_WORKER_JOBS_POLL_INTERVAL", "500ms");
        env.put("SSLPLANE_WORKER_HEALTH_POLL_INTERVAL", "200ms");
        return env;
    }

    /** The plain token of a role, for the Authorization header. */
    public String token(Role role) {
        return tokens.get(role.configName());
    }

    /** Starts a worker with the simulated operator; {@code signer} replaces the command-service client. */
    public ConfigurableApplicationContext startWorker(CertificateSigner signer, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        properties.put("sslplane.worker.mongo.uri", mongoUri);
        properties.put("sslplane.security.tokens-file", tokensFile);
        properties.put("sslplane.worker.node-operator", "simulated");
        // the simulated operator is refused outside the local and dev profiles
        properties.put("spring.profiles.active", "dev");
        properties.put("sslplane.worker.simulated.time-scale", 0.001);
        properties.put("sslplane.worker.health.poll-interval", "20ms");
        properties.put("sslplane.worker.jobs.poll-interval", "500ms");
        properties.putAll(overrides);
        // command-line arguments outrank application.yml (default properties would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        var context = new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("certificateSigner", signer))
                .run(args);
        workers.add(context);
        return context;
    }

    public void publish(Object event, long sequence) {
        var envelope = codec.envelope(event, UUID.randomUUID().toString(), instanceOf(event), sequence,
                Instant.now(), "user:test", null);
        producer.send(new ProducerRecord<>(Topics.EVENTS, envelope.instanceId(), codec.encode(envelope)));
    }

    public void publishRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, key, value));
    }

    public void flush() {
        producer.flush();
    }

    public KafkaConsumer<String, byte[]> consumer(String topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        var consumer = new KafkaConsumer<String, byte[]>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String instanceOf(Object event) {
        return ((dev.sslplane.contracts.event.SslEvent) event).instanceId();
    }

    public static Duration poll() {
        return Duration.ofMillis(200);
    }

    @Override
    public void close() {
        workers.forEach(ConfigurableApplicationContext::close);
        producer.close(Duration.ofSeconds(5));
        kafka.destroy();
        mongo.shutdownNow();
    }
}
