package dev.sslplane.query.health;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.sslplane.query.readmodel.ReadModelStore;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** MongoDB health by {@code ping} (the embedded wire server has no {@code hello}), with the active generation. */
@Component("mongo")
public class MongoHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MongoDatabase database;
    private final ReadModelStore store;

    public MongoHealthIndicator(MongoDatabase database, ReadModelStore store) {
        super("MongoDB health check failed");
        this.database = database;
        this.store = store;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .timeout(Duration.ofSeconds(5))
                .map(ok -> builder.up().withDetail("database", database.getName())
                        .withDetail("readModelGeneration", store.active().number()).build());
    }
}
