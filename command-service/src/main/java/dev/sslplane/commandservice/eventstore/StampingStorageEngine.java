package dev.sslplane.commandservice.eventstore;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Stores events with their timestamp taken from the {@link EventClock} at the moment of appending, instead of
 * the host clock Axon read when the message was created: the timestamp is what orders the global stream. An
 * instance's event is never stamped before its predecessor (one indexed read of the stored predecessor per
 * append), so one instance's events keep their order whichever replicas wrote them. Everything else is delegated
 * unchanged.
 */
public final class StampingStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Clock clock;

    public StampingStorageEngine(EventStorageEngine delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Instant now = clock.instant();
        Map<String, Instant> latestStamps = new HashMap<>();
        delegate.appendEvents(events.stream().map(event -> stamped(event, now, latestStamps)).toList());
    }

    private EventMessage<?> stamped(EventMessage<?> event, Instant now, Map<String, Instant> latestStamps) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return new GenericEventMessage<>(event, () -> now);
        }
        String aggregate = domain.getAggregateIdentifier();
        Instant previous = domain.getSequenceNumber() == 0 ? null
                : latestStamps.computeIfAbsent(aggregate, a -> storedStamp(a, domain.getSequenceNumber() - 1));
        // An instance's events must be stamped in sequence order even when two replicas write them in turn.
        Instant stamp = previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
        latestStamps.put(aggregate, stamp);
        return new GenericDomainEventMessage<>(domain.getType(), aggregate, domain.getSequenceNumber(), domain, stamp);
    }

    private Instant storedStamp(String aggregate, long sequence) {
        DomainEventStream stored = delegate.readEvents(aggregate, sequence);
        return stored.hasNext() ? stored.next().getTimestamp() : null;
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
