package dev.sslplane.commandservice.config;

import com.mongodb.client.MongoDatabase;
import dev.sslplane.commandservice.eventstore.DatabaseClockAlignment;
import dev.sslplane.commandservice.eventstore.EventClock;
import dev.sslplane.commandservice.eventstore.StampingStorageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon's event store and token store on MongoDB (axon-mongo), wired by hand because the extension's Spring Boot
 * autoconfiguration is not published on Maven Central. Events are stamped in the database's time
 * ({@link StampingStorageEngine}, {@link DatabaseClockAlignment}) because that time orders the global stream.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Metadata keys copied from a command onto the events it causes (besides correlation and trace ids). */
    public static final String ACTOR = "actor";
    public static final String COMMAND_ID = "commandId";

    // The MongoDB-wire test server has no sessions or transactions, and a single-document insert per event needs
    // none: the unique (aggregate, sequence) index is what protects the stream.
    @Bean
    TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabase database, EventStoreProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(database)
                .domainEventsCollectionName(properties.eventsCollection())
                .snapshotEventsCollectionName(properties.snapshotsCollection())
                .trackingTokensCollectionName(properties.tokensCollection())
                .build();
    }

    @Bean
    EventClock eventClock(EventStoreProperties properties) {
        return new EventClock(Clock.offset(Clock.systemUTC(), properties.clockOffset()));
    }

    @Bean
    @ConditionalOnProperty(name = "sslplane.event-store.clock-alignment", matchIfMissing = true)
    DatabaseClockAlignment databaseClockAlignment(MongoDatabase database, EventClock clock,
                                                  EventStoreProperties properties, MeterRegistry meters) {
        return new DatabaseClockAlignment(database, clock, properties.clockAlignmentInterval(), meters);
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            MongoTemplate template, EventStoreProperties properties, TransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer, EventClock clock) {
        var engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(new DocumentPerEventStorageStrategy(
                        EventEntryConfiguration.getDefault(), properties.lookBack()))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .batchSize(properties.batchSize())
                .build();
        engine.ensureIndexes();
        return new StampingStorageEngine(engine, clock);
    }

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    }

    @Bean
    TokenStore tokenStore(MongoTemplate template, Serializer serializer, EventStoreProperties properties,
                          TransactionManager transactionManager) {
        // Axon names the owner of a claim after the JVM (pid@host); two services in one JVM would then both own
        // the publisher's segment and publish every event twice. A per-context suffix keeps owners distinct.
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString();
        return MongoTokenStore.builder()
                .nodeId(owner)
                .mongoTemplate(template)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .claimTimeout(properties.tokenClaimTimeout())
                .ensureIndexes(true)
                .build();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(ACTOR, COMMAND_ID);
    }
}
