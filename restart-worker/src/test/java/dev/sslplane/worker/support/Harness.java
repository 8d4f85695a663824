package dev.sslplane.worker.support;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.job.RollingRestart;
import dev.sslplane.worker.job.RunSettings;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.signing.CertificateSigner;
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

    /** One worker: its own simulated nodes (its own view of restarts issued), sharing the job store. */
    public final class Worker {
        public final SimulatedNodeOperator operator;
        public final JobEngine engine;
        public final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Worker(String name, SimulatedNodeOperator operator, Duration lease, Duration stepTimeout,
               CertificateSigner signer, CollectingProgress progress, int concurrency) {
            this.operator = operator;
            var metrics = new WorkerMetrics(registry);
            var restart = new RollingRestart(store, operator, operator.replicaSetClient(), signer, progress, metrics,
                    RunSettings.of(stepTimeout, Duration.ofMillis(10)), Clock.systemUTC());
            engine = new JobEngine(store, restart, metrics, name, concurrency, lease,
                    Duration.ofMillis(Math.max(100, lease.toMillis() / 3)), Duration.ofMillis(200), Clock.systemUTC());
        }
    }

    /** A worker with any operator and node client (the local fleet, in the fleet tests). */
    public JobEngine engine(String name, NodeOperator operator, ReplicaSetClient nodes, CertificateSigner signer,
                            CollectingProgress progress, RunSettings settings) {
        var metrics = new WorkerMetrics(new SimpleMeterRegistry());
        var restart = new RollingRestart(store, operator, nodes, signer, progress, metrics, settings,
                Clock.systemUTC());
        return new JobEngine(store, restart, metrics, name, 16, Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofMillis(300), Clock.systemUTC());
    }

    public Worker worker(String name, Duration downtime, Duration lease, Duration stepTimeout, CertificateSigner signer,
                         CollectingProgress progress, int concurrency) {
        return worker(name, new SimulatedNodeOperator(downtime, Duration.ofSeconds(1), 10_000, 1.0), lease,
                stepTimeout, signer, progress, concurrency);
    }

    /** A worker on given simulated nodes: a second worker taking over shares the first one's nodes. */
    public Worker worker(String name, SimulatedNodeOperator nodes, Duration lease, Duration stepTimeout,
                         CertificateSigner signer, CollectingProgress progress, int concurrency) {
        return new Worker(name, nodes, lease, stepTimeout, signer, progress, concurrency);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
