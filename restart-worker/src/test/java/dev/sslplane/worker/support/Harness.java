package dev.sslplane.worker.support;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.worker.health.HealthGate;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.job.RollingRestart;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** An in-memory MongoDB-wire server and the pieces of a worker, put together without Spring. */
public final class Harness implements AutoCloseable {

    public final MongoServer server = new MongoServer(new MemoryBackend());
    public final MongoClient client;
    public final JobStore store;

    public Harness() {
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new JobStore(client.getDatabase("worker_test").getCollection("jobs_" + UUID.randomUUID()));
        store.ensureIndexes().block();
    }

    /** One worker: its own operator (its own view of restarts issued), sharing the job store. */
    public final class Worker {
        public final SimulatedNodeOperator operator;
        public final JobEngine engine;
        public final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Worker(String name, Duration downtime, Duration lease, Duration stepTimeout, TestCaSigner signer,
               CollectingProgress progress, int concurrency) {
            operator = new SimulatedNodeOperator(downtime, Duration.ofSeconds(1), 10_000, 1.0);
            var metrics = new WorkerMetrics(registry);
            var restart = new RollingRestart(store, operator, signer, new HealthGate(operator, Duration.ofMillis(10)),
                    progress, metrics, stepTimeout, Clock.systemUTC());
            engine = new JobEngine(store, restart, metrics, name, concurrency, lease,
                    Duration.ofMillis(Math.max(100, lease.toMillis() / 3)), Duration.ofMillis(200), Clock.systemUTC());
        }
    }

    /** A worker with any operator and probe (the local fleet, in the fleet tests). */
    public JobEngine engine(String name, dev.sslplane.worker.node.NodeOperator operator,
                            dev.sslplane.worker.health.NodeProbe probe, dev.sslplane.worker.signing.CertificateSigner signer,
                            CollectingProgress progress, Duration stepTimeout) {
        var metrics = new WorkerMetrics(new SimpleMeterRegistry());
        var restart = new RollingRestart(store, operator, signer, new HealthGate(probe, Duration.ofMillis(200)),
                progress, metrics, stepTimeout, Clock.systemUTC());
        return new JobEngine(store, restart, metrics, name, 16, Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofMillis(300), Clock.systemUTC());
    }

    public Worker worker(String name, Duration downtime, Duration lease, Duration stepTimeout, TestCaSigner signer,
                         CollectingProgress progress, int concurrency) {
        return new Worker(name, downtime, lease, stepTimeout, signer, progress, concurrency);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
