package dev.sslplane.commandservice.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.event-store.*}: the Axon Mongo event store's collections, tracking and event time.
 *
 * @param eventsCollection    one document per domain event; unique on (aggregateIdentifier, sequenceNumber)
 * @param snapshotsCollection aggregate snapshots (unused today, required by the engine)
 * @param tokensCollection    tracking tokens of the event processors (publisher progress)
 * @param lookBack            how far behind its last timestamp a tracking processor re-reads the store; must be
 *                            above the worst clock skew between command-service replicas
 * @param batchSize           events read per fetch
 * @param tokenClaimTimeout   how long a processor segment claim lives without being extended by its owner
 * @param clockAlignment      stamp events in the database's time (measured every {@code clockAlignmentInterval})
 *                            instead of this host's; off, the replicas' clocks must stay within the look-back
 * @param clockAlignmentInterval how often the database's clock is read again
 * @param clockOffset         added to this host's clock: for clock-skew drills and tests only, leave 0
 */
@ConfigurationProperties("sslplane.event-store")
public record EventStoreProperties(
        @DefaultValue("domainevents") String eventsCollection,
        @DefaultValue("snapshotevents") String snapshotsCollection,
        @DefaultValue("trackingtokens") String tokensCollection,
        @DefaultValue("5s") Duration lookBack,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration tokenClaimTimeout,
        @DefaultValue("true") boolean clockAlignment,
        @DefaultValue("30s") Duration clockAlignmentInterval,
        @DefaultValue("0s") Duration clockOffset) {
}
