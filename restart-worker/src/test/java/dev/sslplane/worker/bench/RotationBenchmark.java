package dev.sslplane.worker.bench;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.TestCaSigner;
import dev.sslplane.worker.support.WorkerStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rotates N instances × 3 nodes through the whole worker: CertificateRotated events on a real KRaft broker,
 * jobs in a MongoDB-wire server, simulated nodes with a fixed downtime d, real CSRs signed by an in-process CA,
 * progress reports on ssl.restart-progress. Measures from the first event sent to the last
 * RestartCompleted report received, against the ideal ceil(N / concurrency) × 3 × d.
 *
 * <pre>./mvnw -q -B -pl restart-worker test-compile exec:java -Dexec.args="1000 200 64"</pre>
 */
public final class RotationBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long d = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;

        Map<String, List<String>> sans = new ConcurrentHashMap<>();
        var signer = new TestCaSigner(sans::get, "Ed25519");
        try (var stack = new WorkerStack(6)) {
            var context = stack.startWorker(signer, Map.of(
                    "worker.simulated.base-downtime", d + "ms",
                    "worker.simulated.time-scale", 1.0,
                    "worker.jobs.concurrency", concurrency,
                    "worker.health.poll-interval", "10ms",
                    "logging.level.dev.sslplane", "WARN"));
            var events = new java.util.ArrayList<CertificateRotatedEvent>();
            for (int i = 0; i < n; i++) {
                String instance = "bench-" + i;
                List<NodeSpec> nodes = Events.threeNodes(27_100);
                nodes.forEach(node -> sans.put(instance + "/" + node.name(), node.subjectAltNames()));
                events.add(new CertificateRotatedEvent(instance, "rotate-" + i, Events.caInfo(signer.ca(instance)),
                        "00", nodes, 100));
            }
            try (var consumer = stack.consumer(Topics.RESTART_PROGRESS)) {
                consumer.poll(Duration.ofMillis(500)); // join the group before the clock starts
                long start = System.nanoTime();
                long sequence = 1;
                for (var event : events) {
                    stack.publish(event, sequence++);
                }
                stack.flush();
                Set<String> completed = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (completed.size() < n && System.nanoTime() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok
                                && ok.value() instanceof RestartCompletedReport report) {
                            completed.add(report.operationId());
                        }
                    }
                }
                long totalMs = (System.nanoTime() - start) / 1_000_000;
                long idealMs = (long) Math.ceil((double) n / concurrency) * 3 * d;
                System.out.printf("%nrotation benchmark: N=%d instances x 3 nodes, d=%d ms, concurrency=%d%n",
                        n, d, concurrency);
                System.out.printf("completed: %d of %d%n", completed.size(), n);
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
                var unreachable = context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .get("restart.node.unreachable").timer();
                System.out.printf("mean job duration %d ms (3 x d = %d ms), mean node unreachable %.1f ms, "
                                + "mean wait for a slot %d ms%n", ran / n, 3 * d,
                        unreachable.mean(java.util.concurrent.TimeUnit.MILLISECONDS), waited / n);
            }
        }
        System.exit(0);
    }
}
