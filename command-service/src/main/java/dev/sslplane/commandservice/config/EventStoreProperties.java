package dev.sslplane.commandservice.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.event-store.*}: collections of the Axon Mongo event store.
 *
 * @param eventsCollection    one document per domain event; unique on (aggregateIdentifier, sequenceNumber)
 * @param snapshotsCollection aggregate snapshots (unused today, required by the engine)
 * @param tokensCollection    tracking tokens of the event processors (publisher progress)
 * @param lookBack            how far behind its last timestamp a tracking processor re-reads the store; must be
 *                            above the worst clock skew between command-service replicas
 * @param batchSize           events read per fetch
 * @param tokenClaimTimeout   how long a processor segment claim lives without being extended by its owner
 */
@ConfigurationProperties("sslplane.event-store")
public record EventStoreProperties(
        @DefaultValue("domainevents") String eventsCollection,
        @DefaultValue("snapshotevents") String snapshotsCollection,
        @DefaultValue("trackingtokens") String tokensCollection,
        @DefaultValue("5s") Duration lookBack,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration tokenClaimTimeout) {
}
