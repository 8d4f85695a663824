package dev.sslplane.query.it;

import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.support.InMemoryMongo;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.testsupport.ShiftableClock;
import dev.sslplane.query.support.TestCredentials;
import dev.sslplane.security.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service against a real Kafka broker (KRaft, in-process) and the embedded MongoDB-wire server. All IT
 * classes share this configuration, hence one Spring context, one broker and one database; each test uses its
 * own instance ids.
 */
@AutoConfigureObservability(tracing = false) // the Prometheus scrape endpoint exists, as in production
@Import(QueryServiceITBase.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sslplane.query.kafka.lag-poll-interval=1s",
        "sslplane.query.api.stream-poll-interval=500ms",
        // short, so ReadYourWritesIT sees the bound end; the default is longer
        "sslplane.query.api.read-your-writes-wait=" + QueryServiceITBase.READ_YOUR_WRITES_WAIT_MS + "ms",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
        "sslplane.query.certificates.metrics-refresh=500ms",
        "sslplane.security.cors.allowed-origins=" + QueryServiceITBase.CONSOLE_ORIGIN,
        "sslplane.console.command-service-url=http://localhost:18081"})
@EmbeddedKafka(kraft = true, partitions = 3, topics = Topics.EVENTS,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class QueryServiceITBase {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final long READ_YOUR_WRITES_WAIT_MS = 1500;
    /** A browser origin the service allows (CORS). */
    static final String CONSOLE_ORIGIN = "http://console.example.test";
    /** Every test authenticates as an admin unless it says otherwise. */
    static final String ADMIN_TOKEN = TestCredentials.token(Role.ADMIN);
    static final MessageCodec CODEC = new MessageCodec();
    private static final InMemoryMongo MONGO = new InMemoryMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("sslplane.query.mongo.uri", QueryServiceITBase::mongoUri);
        registry.add("sslplane.security.tokens-file", () -> TestCredentials.tokensFile().toString());
        registry.add("sslplane.security.jwt.public-key-location",
                () -> "file:" + TestCredentials.publicKeyFile().toAbsolutePath());
    }

    /** The read models' database, shared by every replica of the service a test starts. */
    static String mongoUri() {
        return MONGO.uri("sslplane_query_it");
    }

    /** The service's clock, which a test may move ahead and must set back. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        ShiftableClock shiftableClock() {
            return new ShiftableClock();
        }
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ShiftableClock clock;
    @LocalServerPort
    int port;
    WebTestClient http;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void clients() {
        http = client(ADMIN_TOKEN);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A client of the running service presenting {@code token} (none when null). */
    WebTestClient client(String token) {
        var builder = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(WAIT);
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void publish(List<ProjectedEvent> events) {
        for (ProjectedEvent e : events) {
            send(e.instanceId(), CODEC.encode(e.envelope()));
        }
    }

    void publish(Lifecycle life) {
        publish(life.events());
    }

    void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
