package dev.sslplane.localstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.client.ClientSettings;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.kafka.KafkaCommandPublisher;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.security.Role;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The chaos suite: on the shared stack (two command services, two restart workers, the query service, the broker,
 * the MongoDB-wire server and the local fleet, each its own process under the supervisor of run-local.sh), many
 * instances go through Enable → Rotate → Disable at once, their commands over REST and Kafka, while every one of
 * the stack's processes is killed in turn, the broker and MongoDB restart and the command services' MongoDB
 * connections stall. Every random choice comes from one printed seed ({@link ChaosSettings}: rerun with it, or
 * soak with more instances and rounds). One more instance has its Enable scheduled for a maintenance window that
 * opens after the last fault ({@link ScheduledStart}). Then each invariant is checked by name.
 */
@SharedStack.Uses
@Isolated("kills the shared stack's processes")
class ChaosIT {

    private static final String PREFIX = "chaos-";

    @Test
    void everyOperationCompletesAndEveryInvariantHoldsWhileComponentsDie(SharedStack.Stack stack) throws Exception {
        var settings = ChaosSettings.fromSystemProperties();
        System.out.println("[chaos] run: " + settings);
        Instant started = Instant.now();
        Instant deadline = started.plus(settings.deadline());
        List<SslplaneClient> operators = new ArrayList<>();
        for (String commandUrl : stack.commandUrls()) {
            operators.add(client(stack, commandUrl, Role.OPERATOR));
        }
        var viewer = client(stack, stack.commandUrls().get(0), Role.VIEWER);
        // before the faults start, so that every one of them falls between the schedule and the start
        var scheduledRegistration = registration(stack, PREFIX + settings.seed() + "-scheduled");
        var scheduled = ScheduledStart.schedule(operators.get(0), scheduledRegistration);
        ExecutorService journeys = Executors.newFixedThreadPool(settings.instances() + 1);
        try (var kafka = new KafkaCommandPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()), "chaos",
                Duration.ofSeconds(60))) {
            var channel = new CommandChannel(operators, kafka, Duration.ofMinutes(4));
            List<Future<Journey.Outcome>> running = new ArrayList<>();
            for (int i = 0; i < settings.instances(); i++) {
                String id = PREFIX + settings.seed() + "-" + i;
                long journeySeed = settings.seed() + i;
                running.add(journeys.submit(() -> new Journey(registration(stack, id), channel, viewer.queries(),
                        journeySeed, operators.size(), deadline).call()));
            }
            Future<Journey.Outcome> scheduledJourney = journeys.submit(() -> new Journey(scheduledRegistration,
                    channel, viewer.queries(), settings.seed(), operators.size(), deadline)
                    .completeScheduledEnable(scheduled.operationId()));
            var faults = new Faults(new SupervisedChildren(stack.dataDir()), stack.commandMongoProxy(),
                    settings.seed(), settings.rounds(), () -> running.stream().anyMatch(f -> !f.isDone()));
            System.out.println("[chaos] faults in order: " + faults.plan());
            var injector = new Thread(faults, "chaos-faults");
            injector.start();

            List<Journey.Outcome> done = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            running.forEach(journey -> collect(journey, deadline, done, broken));
            List<Journey.Outcome> withScheduled = new ArrayList<>(done);
            collect(scheduledJourney, deadline, withScheduled, broken);
            injector.join(Duration.ofMinutes(4).toMillis());
            faults.awaitRecovery();
            report(settings, faults, done, started);

            assertThat(broken).as("journeys that could not finish").isEmpty();
            assertThat(faults.injected()).as("every planned fault was injected while operations ran")
                    .hasSize(faults.plan().size());
            var invariants = new ChaosInvariants(stack, PREFIX + settings.seed() + "-");
            var auditor = client(stack, stack.commandUrls().get(0), Role.AUDITOR);
            SoftAssertions.assertSoftly(softly -> {
                invariants.operationsCompleteOrFailWithAReasonThenCompleteOnRetry(softly, done, settings.instances());
                invariants.eventsArePublishedExactlyOnceInOrder(softly);
                invariants.theAuditTrailHasEveryEventWithItsPrincipal(softly, auditor, withScheduled);
                scheduled.survivedARestartOfEveryService(softly, stack.kafkaBootstrap(), faults.injected());
                try {
                    invariants.noNodeIsRestartedMoreThanItsPassesAllow(softly, withScheduled, faults.workerKills());
                    invariants.readModelsEqualARebuildFromTheEvents(softly);
                    invariants.noSecretAppearsAnywhere(softly);
                } catch (Exception e) {
                    softly.fail("an invariant could not be checked: " + e, e);
                }
            });
        } finally {
            journeys.shutdownNow();
        }
    }

    private static void collect(Future<Journey.Outcome> journey, Instant deadline, List<Journey.Outcome> done,
                                List<String> broken) {
        try {
            done.add(journey.get(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            broken.add(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    private static RegisterInstanceRequest registration(SharedStack.Stack stack, String id) throws Exception {
        return new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, stack.replicaSet(id), 25);
    }

    private static SslplaneClient client(SharedStack.Stack stack, String commandUrl, Role role) throws Exception {
        String token = stack.token(role);
        return new SslplaneClient(ClientSettings.local(() -> token)
                .withUrls(URI.create(commandUrl), URI.create(stack.queryUrl())));
    }

    private static void report(ChaosSettings settings, Faults faults, List<Journey.Outcome> done, Instant started) {
        long operations = done.stream().mapToLong(o -> o.steps().size()).sum();
        long retried = done.stream().flatMap(o -> o.steps().stream()).filter(s -> !s.failures().isEmpty()).count();
        System.out.printf("[chaos] %s: %d s, %d faults injected, %d operations completed (%d after a Retry)%n",
                settings, Duration.between(started, Instant.now()).toSeconds(), faults.injected().size(),
                operations, retried);
        faults.injected().forEach(f -> System.out.println("[chaos]   " + f));
        done.stream().flatMap(o -> o.steps().stream()).flatMap(s -> s.failures().stream()).distinct()
                .forEach(reason -> System.out.println("[chaos]   failure retried: " + reason));
    }
}
