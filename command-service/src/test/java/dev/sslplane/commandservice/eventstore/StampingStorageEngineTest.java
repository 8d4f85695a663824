package dev.sslplane.commandservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class StampingStorageEngineTest {

    private static final Instant HOST_NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void storesEventsWithTheEventClocksTimeAndKeepsEverythingElse() {
        var clock = new EventClock(Clock.fixed(HOST_NOW, ZoneOffset.UTC));
        clock.correctBy(Duration.ofSeconds(-10));
        var stored = new InMemoryEventStorageEngine();
        var engine = new StampingStorageEngine(stored, clock);
        var created = new GenericDomainEventMessage<>("SslConfiguration", "rs-1", 3, "payload",
                MetaData.with("actor", "alice"), "event-1", Instant.parse("2030-01-01T00:00:00Z"));

        engine.appendEvents(created);

        DomainEventMessage<?> read = stored.readEvents("rs-1", 0).next();
        assertThat(read.getTimestamp()).isEqualTo(HOST_NOW.minusSeconds(10));
        assertThat(read.getIdentifier()).isEqualTo("event-1");
        assertThat(read.getSequenceNumber()).isEqualTo(3);
        assertThat(read.getAggregateIdentifier()).isEqualTo("rs-1");
        assertThat(read.getType()).isEqualTo("SslConfiguration");
        assertThat(read.getPayload()).isEqualTo("payload");
        assertThat(read.getMetaData()).containsEntry("actor", "alice");
    }

    @Test
    void neverStampsAnInstancesEventBeforeItsPredecessorWrittenByAReplicaAhead() {
        var aheadClock = new EventClock(Clock.fixed(HOST_NOW.plusSeconds(3), ZoneOffset.UTC));
        var behindClock = new EventClock(Clock.fixed(HOST_NOW, ZoneOffset.UTC));
        var stored = new InMemoryEventStorageEngine();
        new StampingStorageEngine(stored, aheadClock).appendEvents(event("rs-1", 0), event("rs-1", 1));
        var behind = new StampingStorageEngine(stored, behindClock);

        behind.appendEvents(event("rs-1", 2), event("rs-1", 3), event("rs-2", 0));

        var stamps = stored.readEvents("rs-1", 0).asStream().map(DomainEventMessage::getTimestamp).toList();
        Instant ahead = HOST_NOW.plusSeconds(3);
        assertThat(stamps).containsExactly(ahead, ahead.plusMillis(1), ahead.plusMillis(2), ahead.plusMillis(3));
        assertThat(stored.readEvents("rs-2", 0).next().getTimestamp()).isEqualTo(HOST_NOW);
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("SslConfiguration", aggregate, sequence, "payload-" + sequence);
    }
}
