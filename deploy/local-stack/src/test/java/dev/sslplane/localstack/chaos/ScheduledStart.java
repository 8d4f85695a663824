package dev.sslplane.localstack.chaos;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;

/**
 * One instance whose Enable is scheduled for a maintenance window that opens after every fault of the run: each
 * of the stack's processes, the broker and MongoDB die between the schedule and the start. Windows are whole
 * minutes of the real clock (the stack's processes have no test clock), so the window opens at the first whole
 * minute after {@link #LEAD}: long enough for every fault (eight faults 2–6 s apart, one a 15 s stall), and the
 * start still falls while the other journeys run.
 */
final class ScheduledStart {

    static final Duration LEAD = Duration.ofSeconds(95);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final String instanceId;
    private final String operationId;
    private final Instant opens;

    private ScheduledStart(String instanceId, String operationId, Instant opens) {
        this.instanceId = instanceId;
        this.operationId = operationId;
        this.opens = opens;
    }

    /** Registers the instance with a window opening after {@link #LEAD}, and schedules its Enable there. */
    static ScheduledStart schedule(SslplaneClient operator, RegisterInstanceRequest registration) {
        ZonedDateTime opens = Instant.now().plus(LEAD).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        var window = new MaintenanceWindowRequest(opens.getDayOfWeek().name(), HH_MM.format(opens), "PT30M");
        var withWindow = new RegisterInstanceRequest(registration.instanceId(), registration.engineVersion(),
                registration.topology(), registration.nodes(), registration.collectionCount(), null, window);
        operator.commands().register(withWindow);
        String operationId = operator.commands().enable(registration.instanceId(),
                new EnableSslRequest(null, null, null, null, Schedule.MAINTENANCE_WINDOW), null).operationId();
        System.out.println("[chaos] " + registration.instanceId() + ": Enable " + operationId
                + " scheduled for the window opening at " + opens.toInstant());
        return new ScheduledStart(registration.instanceId(), operationId, opens.toInstant());
    }

    String instanceId() {
        return instanceId;
    }

    String operationId() {
        return operationId;
    }

    /**
     * The invariant: the scheduled operation was recorded before every kill, started by the scheduler once the
     * window had opened and after the last kill, so the schedule outlived a restart of every service.
     */
    void survivedARestartOfEveryService(SoftAssertions softly, String bootstrap, List<Faults.Injected> faults) {
        List<EventEnvelope> events = eventsOfTheInstance(bootstrap);
        Optional<EventEnvelope> scheduled = first(events, "OperationScheduled");
        Optional<EventEnvelope> started = first(events, "SslEnabled");
        softly.assertThat(scheduled).as("scheduled start: %s recorded as scheduled", operationId).isPresent();
        softly.assertThat(started).as("scheduled start: %s started", operationId).isPresent();
        if (scheduled.isEmpty() || started.isEmpty()) {
            return;
        }
        Instant from = scheduled.get().occurredAt();
        Instant to = started.get().occurredAt();
        softly.assertThat(started.get().actor()).as("scheduled start: started by the scheduler")
                .isEqualTo("system:scheduler");
        softly.assertThat(to).as("scheduled start: not before the window opened").isAfterOrEqualTo(opens);
        List<String> killedBetween = faults.stream().filter(f -> f.at().isAfter(from) && f.at().isBefore(to))
                .map(Faults.Injected::fault).toList();
        System.out.printf("[chaos] scheduled start: %s started %d ms after its window opened, %d faults after it "
                + "was scheduled%n", operationId, Duration.between(opens, to).toMillis(), killedBetween.size());
        softly.assertThat(killedBetween)
                .as("scheduled start: every service was killed between the schedule (%s) and the start (%s)",
                        from, to)
                .containsAll(Faults.KILLED);
    }

    private List<EventEnvelope> eventsOfTheInstance(String bootstrap) {
        var codec = new MessageCodec();
        return TopicContents.read(bootstrap, Topics.EVENTS).stream()
                .filter(r -> instanceId.equals(r.key()))
                .map(r -> codec.decodeEnvelope(r.value()))
                .<EventEnvelope>mapMulti((decoded, out) -> {
                    if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
                        out.accept(ok.value());
                    }
                })
                .toList();
    }

    private Optional<EventEnvelope> first(List<EventEnvelope> events, String type) {
        return events.stream().filter(e -> e.type().equals(type) && operationId.equals(e.operationId())).findFirst();
    }

    @Override
    public String toString() {
        return instanceId + " (" + operationId + ", window opens " + opens + ")";
    }
}
