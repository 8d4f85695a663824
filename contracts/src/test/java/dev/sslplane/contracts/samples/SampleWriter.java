package dev.sslplane.contracts.samples;

import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.MessageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the stored sample of each published type's current schema version that does not exist yet, from
 * {@link SampleMessages}; never overwrites one (a stored sample is what old records look like). Run it after adding
 * a type or a schema version, read what it wrote, and commit it:
 *
 * <pre>./mvnw -q -B -f contracts/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.sslplane.contracts.samples.SampleWriter</pre>
 */
public final class SampleWriter {

    private SampleWriter() {
    }

    public static void main(String[] args) throws IOException {
        var codec = new MessageCodec();
        Path dir = Path.of(args.length > 0 ? args[0] : "contracts/src/test/resources/samples");
        Files.createDirectories(dir);
        for (Map.Entry<String, Object> sample : SampleMessages.all().entrySet()) {
            int version = MessageTypes.byName(sample.getKey()).orElseThrow().schemaVersion();
            Path file = dir.resolve(sample.getKey() + ".v" + version + ".json");
            if (Files.exists(file)) {
                continue;
            }
            EventEnvelope envelope = codec.envelope(sample.getValue(), "evt-" + sample.getKey(),
                    SampleMessages.INSTANCE, 3L, SampleMessages.T0, "user:alice", SampleMessages.OPERATION);
            Files.writeString(file, codec.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(envelope)
                    + "\n");
            System.out.println("wrote " + file);
        }
    }
}
