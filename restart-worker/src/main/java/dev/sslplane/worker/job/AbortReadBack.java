package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.worker.health.NodeStateReader;
import dev.sslplane.worker.health.NodeStateReader.KnownCa;
import dev.sslplane.worker.progress.ProgressPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * After an abort ({@code OperationAborted}, whichever way the operation ended), reads every node of the operation
 * back from the node itself ({@link NodeStateReader}) and reports what it found ({@link NodeStatesObservedReport}),
 * so the instance's status shows each node's actual mode and CAs, not the ones the abort computed. The job carries
 * everything needed (nodes, operator, CAs); the listener marks it durably before its offset is committed, and a
 * periodic sweep picks up a read-back a stopped worker or a refused report left pending. Several workers reading the
 * same nodes report the same facts, which the command side records once.
 */
public class AbortReadBack implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AbortReadBack.class);
    /** A node that does not answer within this is reported unread, not waited for. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(20);

    private final JobStore store;
    private final NodeStateReader reader;
    private final ProgressPublisher progress;
    private final Clock clock;
    private final Duration sweepInterval;
    /** Read-backs under way here: the sweep does not start a second one of the same operation. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile Disposable sweeper;

    public AbortReadBack(JobStore store, NodeStateReader reader, ProgressPublisher progress, Clock clock,
                         Duration sweepInterval) {
        this.store = store;
        this.reader = reader;
        this.progress = progress;
        this.clock = clock;
        this.sweepInterval = sweepInterval;
    }

    /** Starts the read-back of an aborted operation here, unless one runs already; returns at once. */
    public void offer(String operationId) {
        if (!running.add(operationId)) {
            return;
        }
        readBack(operationId)
                .doFinally(signal -> running.remove(operationId))
                .subscribe(v -> { }, e -> log.warn("read-back of aborted operation {} not reported ({}); the sweep"
                        + " tries again", operationId, e.toString()));
    }

    /** Reads the nodes of the aborted operation, reports them and marks the read-back done. */
    Mono<Void> readBack(String operationId) {
        return store.find(operationId)
                .flatMap(job -> observe(job).flatMap(report -> progress.publish(report, job.attempt())
                        .then(store.readBackDone(operationId))
                        .doOnSuccess(v -> log.info("aborted operation {} of {}: {} node(s) read back, {} unread",
                                operationId, job.instanceId(), report.nodes().size(), report.unreadNodes().size()))));
    }

    /** Every node read back at once; each either observed or named unread with the reason. */
    Mono<NodeStatesObservedReport> observe(RestartJob job) {
        List<KnownCa> cas = job.plan().knownCas().stream().map(KnownCa::of).toList();
        return Flux.fromIterable(job.nodes())
                .flatMap(node -> reader.read(job.instance(), node, cas)
                        .timeout(NODE_TIMEOUT)
                        .map(Read::ok)
                        .onErrorResume(e -> Mono.just(Read.unread(node, e))))
                .collectList()
                .map(reads -> {
                    var nodes = new ArrayList<NodeTlsState>();
                    var unread = new TreeMap<String, String>();
                    for (Read read : reads) {
                        if (read.state() != null) {
                            nodes.add(read.state());
                        } else {
                            unread.put(read.node(), read.reason());
                        }
                    }
                    nodes.sort((a, b) -> a.node().compareTo(b.node()));
                    return new NodeStatesObservedReport(job.instanceId(), job.operationId(), nodes, unread,
                            clock.instant());
                });
    }

    private record Read(String node, NodeTlsState state, String reason) {

        static Read ok(NodeTlsState state) {
            return new Read(state.node(), state, null);
        }

        static Read unread(NodeSpec node, Throwable e) {
            String reason = e instanceof java.util.concurrent.TimeoutException
                    ? "node " + node.name() + " did not answer within " + NODE_TIMEOUT.toSeconds() + " s"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Read(node.name(), null, reason);
        }
    }

    private void sweep() {
        store.pendingReadBacks().filter(id -> !running.contains(id)).collectList()
                .subscribe(ids -> ids.forEach(this::offer),
                        e -> log.debug("cannot look for pending read-backs: {}", e.toString()));
    }

    @Override
    public void start() {
        sweeper = Flux.interval(Duration.ZERO, sweepInterval).subscribe(t -> sweep());
    }

    @Override
    public void stop() {
        Disposable current = sweeper;
        if (current != null) {
            current.dispose();
        }
        sweeper = null;
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }

}
