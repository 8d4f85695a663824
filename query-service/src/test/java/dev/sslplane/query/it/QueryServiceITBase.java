package dev.sslplane.query.it;

import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.support.InMemoryMongo;
import dev.sslplane.query.support.Lifecycle;
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
import org.springframework.boot.test.context.SpringBootTest;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sslplane.query.kafka.lag-poll-interval=1s",
        "sslplane.query.api.stream-poll-interval=500ms",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000"})
@EmbeddedKafka(kraft = true, partitions = 3, topics = Topics.EVENTS,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class QueryServiceITBase {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final MessageCodec CODEC = new MessageCodec();
    private static final InMemoryMongo MONGO = new InMemoryMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("sslplane.query.mongo.uri", () -> MONGO.uri("sslplane_query_it"));
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @LocalServerPort
    int port;
    WebTestClient http;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void clients() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
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
