package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;

/**
 * The secrets scan of a running local stack: the API tokens, the vault master key, the fleet token and every
 * private key the fleet's nodes held, searched in every log, every Kafka record (headers and internal topics
 * included) and every MongoDB document (raw BSON and JSON). A canary planted in each kind of place first proves
 * the scan would see a leak there.
 */
public final class StackSecretScan {

    static final String CANARY_TOPIC = "secret-scan-canary";
    static final String CANARY_DATABASE = "secret_scan_canary";
    static final String CANARY_LOG = "secret-scan-canary.log";

    private final StackSettings settings;
    private final Map<String, Path> privateKeyFiles = new LinkedHashMap<>();

    public StackSecretScan(StackSettings settings) {
        this.settings = settings;
    }

    /** Counts of what was scanned. */
    public record Scanned(int privateKeys, int logs, int records, int documents) {
    }

    /** Remembers every PEM private key under the fleet's data directory (rotations replace them: call often). */
    public void collectFleetPrivateKeys() throws IOException {
        try (var files = Files.walk(settings.dataDir().resolve("fleet"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (content.contains("PRIVATE KEY-----")) {
                    privateKeyFiles.putIfAbsent(content, file);
                }
            }
        }
    }

    /** A scanner that knows every secret of the stack, the fleet's private keys collected so far among them. */
    public SecretScanner scannerOfEverySecret() throws IOException {
        var secrets = LocalSecrets.in(settings.dataDir().resolve("secrets"));
        var scanner = new SecretScanner();
        for (Role role : Role.values()) {
            scanner.text("API token " + role.configName(), secrets.apiToken(role));
        }
        scanner.base64("vault master key", Files.readString(secrets.vaultMasterKeyFile()).trim());
        scanner.text("fleet token", secrets.fleetToken());
        collectFleetPrivateKeys();
        for (var file : privateKeyFiles.entrySet()) {
            scanner.privateKeysIn("private key " + settings.dataDir().relativize(file.getValue()), file.getKey());
        }
        return scanner;
    }

    public int privateKeysCollected() {
        return privateKeyFiles.size();
    }

    /**
     * Plants a canary in a log, a Kafka header and a MongoDB document, scans logs, Kafka and MongoDB, and checks
     * the canary was found in each; the caller asserts on the scanner's other findings.
     */
    public Scanned scanWithCanary(SecretScanner scanner, List<Path> logFiles) throws Exception {
        String canary = "sslp_canary-" + java.util.UUID.randomUUID();
        scanner.text("canary", canary);
        Path canaryLog = settings.dataDir().resolve("logs").resolve(CANARY_LOG);
        Files.writeString(canaryLog, "INFO something leaked " + canary + "\n");
        plantCanary(canary);
        List<Path> logs = new ArrayList<>(logFiles);
        logs.add(canaryLog);
        var scanned = new Scanned(privateKeyFiles.size(), scanLogs(scanner, logs), scanKafka(scanner),
                scanMongoDb(scanner));
        assertThat(scanner.findings().stream().filter(f -> f.secret().equals("canary"))
                .map(SecretScanner.Finding::where))
                .as("the canary is found in each kind of place it was planted")
                .anyMatch(w -> w.startsWith("log " + CANARY_LOG))
                .anyMatch(w -> w.startsWith("kafka " + CANARY_TOPIC))
                .anyMatch(w -> w.startsWith("mongodb " + CANARY_DATABASE));
        return scanned;
    }

    /** Every finding but the canary's. */
    public static List<SecretScanner.Finding> leaks(SecretScanner scanner) {
        return scanner.findings().stream().filter(f -> !f.secret().equals("canary")).toList();
    }

    private void plantCanary(String canary) throws Exception {
        try (var producer = new KafkaProducer<>(kafkaProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<byte[], byte[]>(CANARY_TOPIC, "key".getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8));
            record.headers().add("leaky-header", canary.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        try (MongoClient mongo = MongoClients.create(settings.mongoUri(""))) {
            mongo.getDatabase(CANARY_DATABASE).getCollection("leaks").insertOne(
                    new Document("blob", new Binary(canary.getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static int scanLogs(SecretScanner scanner, List<Path> files) throws IOException {
        for (Path file : files) {
            scanner.scan("log " + file.getFileName(), Files.readAllBytes(file));
        }
        return files.size();
    }

    private Properties kafkaProperties() {
        var properties = new Properties();
        properties.put("bootstrap.servers", settings.kafkaBootstrap());
        return properties;
    }

    /** Every record (key, value, headers) of every topic, internal ones included, from the beginning. */
    private int scanKafka(SecretScanner scanner) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (var kafka = Admin.create(kafkaProperties())) {
            Set<String> topics = kafka.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics).contains("ssl.events", "ssl.restart-progress", CANARY_TOPIC);
            kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        }
        var properties = kafkaProperties();
        properties.put("enable.auto.commit", "false");
        int records = 0;
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read every topic to its end within 2 minutes").isLessThan(deadline);
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    String where = "kafka " + record.topic() + "-" + record.partition() + "@" + record.offset();
                    scanner.scan(where + " key", record.key());
                    scanner.scan(where + " value", record.value());
                    for (var header : record.headers()) {
                        scanner.scan(where + " header " + header.key(), header.key());
                        scanner.scan(where + " header " + header.key(), header.value());
                    }
                    records++;
                }
            }
        }
        return records;
    }

    /** Every document of every collection of every database, as raw BSON (binary fields too) and as JSON. */
    private int scanMongoDb(SecretScanner scanner) {
        int documents = 0;
        try (MongoClient mongo = MongoClients.create(settings.mongoUri(""))) {
            List<String> databases = mongo.listDatabaseNames().into(new ArrayList<>());
            assertThat(databases).contains("sslplane_command", "sslplane_query", "sslplane_worker", CANARY_DATABASE);
            for (String database : databases) {
                for (String collection : mongo.getDatabase(database).listCollectionNames()) {
                    for (RawBsonDocument document : mongo.getDatabase(database)
                            .getCollection(collection, RawBsonDocument.class).find()) {
                        String where = "mongodb " + database + "." + collection + " " + document.get("_id");
                        var bytes = document.getByteBuffer();
                        byte[] raw = new byte[bytes.remaining()];
                        bytes.get(raw);
                        scanner.scan(where, raw);
                        scanner.scan(where + " (JSON)", document.toJson());
                        documents++;
                    }
                }
            }
        }
        return documents;
    }
}
