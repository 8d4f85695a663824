package dev.sslplane.commandservice.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.CommandServiceApplication;
import dev.sslplane.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole command-service started and stopped like a process, on a MongoDB database of its own and the shared
 * broker, driven over REST only (the shared test context owns the Kafka intake).
 */
final class ServiceReplica implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final ConfigurableApplicationContext context;

    private ServiceReplica(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a replica on {@code database}; {@code settings} are extra {@code name=value} properties. */
    static ServiceReplica start(String brokers, String database, String... settings) {
        return start(null, brokers, database, settings);
    }

    /**
     * Starts a replica whose maintenance-window decisions use {@code schedulingClock} (when not {@code null}): it is
     * registered before the configuration is read, so it takes the place of the system clock.
     */
    static ServiceReplica start(Clock schedulingClock, String brokers, String database, String... settings) {
        var args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--sslplane.mongodb.uri=" + TestMongo.uri(database),
                "--sslplane.vault.database=" + database + "_vault",
                "--sslplane.vault.master-key=" + IntegrationTestBase.MASTER_KEY,
                "--sslplane.pki.key-algorithm=EC_P256",
                "--sslplane.kafka.partitions=2",
                "--sslplane.security.tokens-file=" + TestTokens.hashedFile(),
                "--sslplane.kafka.listeners-auto-startup=false",
                "--logging.level.org.apache.kafka=WARN",
                "--spring.jmx.enabled=false"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        var builder = new SpringApplicationBuilder(CommandServiceApplication.class);
        if (schedulingClock != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("schedulingClock",
                    schedulingClock));
        }
        return new ServiceReplica(builder.run(args.toArray(String[]::new)));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** POSTs {@code body} (JSON, or no body when null) with an operator's token. */
    HttpResponse<String> post(String path, Object body) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.OPERATOR))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
