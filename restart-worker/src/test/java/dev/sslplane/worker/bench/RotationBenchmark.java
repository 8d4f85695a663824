package dev.sslplane.worker.bench;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.support.TestCaSigner;
import dev.sslplane.worker.support.WorkerStack;
import dev.sslplane.contracts.messaging.Headers;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rotates N instances × 3 nodes through the whole worker: CertificateRotated events on a real KRaft broker,
 * jobs in a MongoDB-wire server, simulated nodes (an in-memory replica set per instance, already on preferTLS with
 * the previous CA) with a fixed downtime d, real CSRs signed by an in-process CA, progress reports on
 * ssl.restart-progress. A rotation is three restart passes (CA bundle, new certificates, new CA alone), each node
 * health-gated and read back after each. Measures from the first event sent to the last RestartCompleted report
 * received, against the ideal ceil(N / concurrency) × passes × 3 × d.
 *
 * <pre>./mvnw -q -B -f restart-worker/pom.xml test-compile exec:java -Dexec.args="1000 200 64"</pre>
 *
 * The fourth argument (default 4,000) rotates that many other instances first, outside the measurement, so that
 * the measured run finds a JVM whose code is compiled, like a worker that has been running for a while (JMH's
 * warm-up, for the same reason). One JVM here holds the worker, a Kafka broker and a MongoDB-wire server on two
 * cores, where the C2 compiler is still busy after 1,000 warm-up instances and far less so after 4,000.
 * {@code 0} measures a cold JVM.
 *
 * <p>What runs in this process but belongs to other machines in production, and how it is kept off the measured
 * path (methodology, not the worker's work): the simulated nodes make their keys and CSRs before the clock starts
 * ({@code SimulatedNodeOperator.prepareCsr}; the worker still asks each node for its CSR when the job runs); the
 * stand-in for the command service's signing ({@code TestCaSigner}) issues a real certificate per CSR but parses
 * nothing back (it reads the requested names from the CSR); and the benchmark recognises the final reports by
 * their headers instead of decoding them. The broker and the MongoDB-wire server also run in this process and are
 * counted in the CPU figures.
 */
public final class RotationBenchmark {

    /** The CA every instance is rotated away from (one for all: making it is not the worker's work). */
    private static final TestCa PREVIOUS_CA = new TestCa("previous CA", "Ed25519");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long d = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        // instances rotated before the clock starts, so that the measured run finds a warm JVM (0: cold)
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 4000;

        Map<String, List<String>> sans = new ConcurrentHashMap<>();
        var signer = new TestCaSigner(sans::get, "Ed25519");
        try (var stack = new WorkerStack(6)) {
            var context = stack.startWorker(signer, Map.of(
                    "sslplane.worker.simulated.base-downtime", d + "ms",
                    "sslplane.worker.simulated.time-scale", 1.0,
                    "sslplane.worker.jobs.concurrency", concurrency,
                    "sslplane.worker.health.poll-interval", "10ms",
                    "logging.level.dev.sslplane", "WARN"));
            var registry = context.getBean(MeterRegistry.class);
            var warmUpEvents = events("warm-", warmUp, signer, sans);
            var events = events("bench-", n, signer, sans);
            // the nodes make their keys and CSRs on their own machines: before the clock (see the class comment)
            var nodes = context.getBean(dev.sslplane.worker.node.simulated.SimulatedNodeOperator.class);
            for (var event : java.util.stream.Stream.concat(warmUpEvents.stream(), events.stream()).toList()) {
                event.nodes().forEach(node -> nodes.prepareCsr(event.instanceId(), node.name(),
                        node.subjectAltNames()));
                // what a rotation starts from: TLS on, certificates of the previous CA
                nodes.seedTls(event.instanceId(), event.nodes(), TlsMode.PREFER, PREVIOUS_CA.pem());
            }
            try (var consumer = stack.consumer(Topics.RESTART_PROGRESS)) {
                consumer.poll(Duration.ofMillis(500)); // join the group before the clock starts
                long sequence = 1;
                if (warmUp > 0) {
                    for (var event : warmUpEvents) {
                        stack.publish(event, sequence++);
                    }
                    stack.flush();
                    int warmed = awaitCompleted(consumer, stack, warmUp);
                    System.out.printf("%nwarm-up: %d of %d instances rotated before the measured run%n", warmed,
                            warmUp);
                }
                var timersBefore = timers(registry);
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuStart = os.getProcessCpuTime();
                long gcStart = gcMillis();
                Map<String, Long> threadsStart = threadCpuTicks();
                String loadBefore = loadAverage();
                long start = System.nanoTime();
                for (var event : events) {
                    stack.publish(event, sequence++);
                }
                stack.flush();
                int completed = awaitCompleted(consumer, stack, n);
                long totalMs = (System.nanoTime() - start) / 1_000_000;
                long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
                long gcMs = gcMillis() - gcStart;
                Map<String, Long> threadsEnd = threadCpuTicks();
                var timers = timers(registry);
                timers.replaceAll((name, t) -> t.minus(timersBefore.getOrDefault(name, TimerTotals.NONE)));

                int passes = events.get(0).plan().size();
                long idealMs = (long) Math.ceil((double) n / concurrency) * passes * 3 * d;
                System.out.printf("%nrotation benchmark: N=%d instances x 3 nodes x %d passes, d=%d ms, concurrency=%d%s%n",
                        n, passes, d, concurrency, warmUp > 0 ? ", after a warm-up of " + warmUp : "");
                System.out.printf("completed: %d of %d (run from %s to %s)%n", completed, n,
                        LocalTime.now().minus(Duration.ofMillis(totalMs)), LocalTime.now());
                System.out.printf("measured total: %d ms%nideal:          %d ms%nratio:          %.3f%n",
                        totalMs, idealMs, (double) totalMs / idealMs);
                // where the time went: time from recording to claim, and a job's own duration
                var store = context.getBean(dev.sslplane.worker.job.JobStore.class);
                long waited = 0;
                long ran = 0;
                for (var event : events) {
                    var job = store.find(event.operationId()).block();
                    waited += Duration.between(job.createdAt(), job.startedAt()).toMillis();
                    ran += Duration.between(job.startedAt(), job.finishedAt()).toMillis();
                }
                System.out.printf("mean job duration %d ms (%d x 3 x d = %d ms), mean node unreachable %.1f ms, "
                                + "mean wait for a slot %d ms%n", ran / n, passes, passes * 3 * d,
                        timers.get("unreachable").meanMillis(), waited / n);
                System.out.printf("restart slots busy %.0f %% of the run; mean per phase:%s%n",
                        100.0 * timers.getOrDefault("node", TimerTotals.NONE).totalMillis()
                                / ((double) concurrency * totalMs),
                        timers.entrySet().stream().filter(e -> !e.getKey().equals("unreachable"))
                                .map(e -> String.format(" %s %.1f ms", e.getKey(), e.getValue().meanMillis()))
                                .collect(Collectors.joining(",")));
                System.out.printf("process CPU %d ms (%.1f ms per node step, %.0f %% of %d cores), GC %d ms%n", cpuMs,
                        (double) cpuMs / (3.0 * passes * n), 100.0 * cpuMs / ((double) totalMs * os.getAvailableProcessors()),
                        os.getAvailableProcessors(), gcMs);
                System.out.printf("load average before: %s, after: %s%n", loadBefore, loadAverage());
                var byGroup = new TreeMap<String, Long>();
                threadsEnd.forEach((thread, ticks) -> byGroup.merge(thread.substring(thread.indexOf(' ') + 1),
                        ticks - threadsStart.getOrDefault(thread, 0L), Long::sum));
                System.out.println("CPU by thread (ms): " + byGroup.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> e.getKey() + " " + e.getValue() * 10)
                        .collect(Collectors.joining(", ")));
            }
        }
        System.exit(0);
    }

    private static List<CertificateRotatedEvent> events(String prefix, int count, TestCaSigner signer,
                                                        Map<String, List<String>> sans) {
        var events = new ArrayList<CertificateRotatedEvent>();
        for (int i = 0; i < count; i++) {
            String instance = prefix + i;
            List<NodeSpec> nodes = Events.threeNodes(27_100);
            nodes.forEach(node -> sans.put(instance + "/" + node.name(), node.subjectAltNames()));
            events.add(Events.rotated(instance, "rotate-" + prefix + i, signer.ca(instance), PREVIOUS_CA, nodes,
                    TlsMode.PREFER, false));
        }
        return events;
    }

    /** Reads progress until {@code count} operations reported completion (10 minutes at most). */
    private static int awaitCompleted(KafkaConsumer<String, byte[]> consumer, WorkerStack stack, int count) {
        Set<String> completed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (completed.size() < count && System.nanoTime() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(100))) {
                // read from the headers the worker sets, without decoding: the benchmark's own CPU is not the worker's
                var type = record.headers().lastHeader(Headers.MESSAGE_TYPE);
                var operation = record.headers().lastHeader(Headers.OPERATION_ID);
                if (type != null && operation != null
                        && COMPLETED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                    completed.add(new String(operation.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return completed.size();
    }

    private record TimerTotals(long count, double totalMillis) {
        static final TimerTotals NONE = new TimerTotals(0, 0);

        TimerTotals minus(TimerTotals before) {
            return new TimerTotals(count - before.count, totalMillis - before.totalMillis);
        }

        double meanMillis() {
            return count == 0 ? 0 : totalMillis / count;
        }
    }

    /** The node downtime timer and the job phase timers, so that the warm-up can be subtracted. */
    private static Map<String, TimerTotals> timers(MeterRegistry registry) {
        var timers = new java.util.LinkedHashMap<String, TimerTotals>();
        var unreachable = registry.get("restart.node.unreachable").timer();
        timers.put("unreachable", new TimerTotals(unreachable.count(), unreachable.totalTime(TimeUnit.MILLISECONDS)));
        for (var timer : registry.find("restart.job.phase").timers()) {
            timers.put(timer.getId().getTag("phase"), new TimerTotals(timer.count(),
                    timer.totalTime(TimeUnit.MILLISECONDS)));
        }
        return timers;
    }

    private static final String COMPLETED = dev.sslplane.contracts.messaging.MessageTypes
            .of(RestartCompletedReport.class).name();

    /**
     * CPU ticks (1/100 s) of every thread of this process, keyed "tid name" with digits in the name folded, so
     * that pools add up; from /proc (Linux), empty elsewhere.
     */
    private static Map<String, Long> threadCpuTicks() {
        var ticks = new java.util.HashMap<String, Long>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return ticks;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Other processes on the machine compete for its cores: the result means little without this. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
