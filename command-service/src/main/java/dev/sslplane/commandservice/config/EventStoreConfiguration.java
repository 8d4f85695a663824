package dev.sslplane.commandservice.config;

import com.mongodb.client.MongoDatabase;
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
import org.springframework.context.annotation.Bean;

/**
 * Axon's event store and token store on MongoDB (axon-mongo), wired by hand because the extension's Spring Boot
 * autoconfiguration is not published on Maven Central.
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
    EventStorageEngine eventStorageEngine(
            MongoTemplate template, EventStoreProperties properties, TransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer) {
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
        return engine;
    }

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    }

    @Bean
    TokenStore tokenStore(MongoTemplate template, Serializer serializer, EventStoreProperties properties,
                          TransactionManager transactionManager) {
        return MongoTokenStore.builder()
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
