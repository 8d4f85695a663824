package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The KRaft broker starts from the Maven artifacts, and its records survive SIGKILL and a restart. */
@Isolated("timing-sensitive child processes: not beside a stack start (see the POM)")
class KafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveAKilledBroker() throws Exception {
        var broker = new KafkaBroker(dir.resolve("kafka"), FreePorts.next(), FreePorts.next());
        ChildProcess first = broker.start(ModuleClasspath.get(), dir.resolve("kafka.log"));
        broker.awaitReady(first, Duration.ofMinutes(2));
        try (var producer = new KafkaProducer<String, String>(producerProps(broker))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("durable", "k" + i, "v" + i)).get();
            }
        }
        first.kill();

        ChildProcess second = broker.start(ModuleClasspath.get(), dir.resolve("kafka.log"));
        try {
            broker.awaitReady(second, Duration.ofMinutes(2));
            List<String> values = new ArrayList<>();
            try (var consumer = new KafkaConsumer<String, String>(consumerProps(broker))) {
                consumer.subscribe(List.of("durable"));
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                    return values.size() >= 100;
                });
            }
            assertThat(values).hasSize(100).contains("v0", "v99");
        } finally {
            second.stop(Duration.ofSeconds(20));
        }
    }

    private static Properties producerProps(KafkaBroker broker) {
        var props = new Properties();
        props.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        return props;
    }

    private static Properties consumerProps(KafkaBroker broker) {
        var props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "durability-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        return props;
    }

}
