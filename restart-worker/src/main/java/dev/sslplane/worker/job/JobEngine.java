package dev.sslplane.worker.job;

import dev.sslplane.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Claims jobs while fewer than {@code concurrency} run here, renews the leases of the running ones, and gives
 * them back on shutdown. A job that loses its lease is cancelled locally: its new owner carries on from the
 * checkpoint. Claims happen one at a time (never more than the limit), triggered by new jobs, finished jobs
 * and a periodic poll that also finds jobs whose owners died.
 *
 * <p>Longer than most classes here on purpose: claiming, launching and the counts they share ({@code restarting},
 * {@code claimsInFlight}, {@code searching}) are guarded by this object's one lock, and splitting them would
 * spread that lock over several classes. {@code running} is volatile because jobs and leases read it outside the
 * lock; it only changes under it.
 */
public class JobEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    /** How long a job that hit infrastructure trouble (Kafka, MongoDB) rests before anyone claims it again. */
    private static final Duration TROUBLE_BACKOFF = Duration.ofSeconds(5);

    private final JobStore store;
    private final RollingRestart restart;
    private final WorkerMetrics metrics;
    private final String owner;
    private final int concurrency;
    private final Duration lease;
    private final Duration renewInterval;
    private final Duration pollInterval;
    private final Clock clock;

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    /** Jobs this worker just recorded: claimed by id first, which is cheaper than searching. */
    private final Queue<String> offered = new ConcurrentLinkedQueue<>();
    private static final int PARALLEL_CLAIMS = 8;
    /** Restart capacity; jobs beyond it are claimed and prepared ahead (see {@link #maxJobs}). */
    private final RestartSlots slots;
    /**
     * Jobs held at once before their last checkpoint: the {@code concurrency} that restart nodes plus a quarter more
     * that get their certificates or wait for a slot, so a freed slot is taken without a round trip. Jobs that only
     * send their final report (acknowledgements, report, final write: no node touched, little CPU) do not count
     * here: counted, they crowded out the jobs prepared ahead and left slots idle (a final report takes longer than
     * a slot turn-over). They are bounded separately by {@link #maxFinishing}.
     */
    private final int maxJobs;
    private final int maxFinishing;
    /** Jobs that still have nodes to restart (claimed, preparing, waiting for or holding a slot). */
    private int restarting;
    private int claimsInFlight;
    private boolean searching;
    private volatile boolean running;
    private Disposable ticker;
    private Disposable renewer;

    private static final class Execution {
        final RestartJob job;
        volatile Disposable disposable;

        Execution(RestartJob job) {
            this.job = job;
        }
    }

    public JobEngine(JobStore store, RollingRestart restart, WorkerMetrics metrics, String owner, int concurrency,
                     Duration lease, Duration renewInterval, Duration pollInterval, Clock clock) {
        this.store = store;
        this.restart = restart;
        this.metrics = metrics;
        this.owner = owner;
        this.concurrency = concurrency;
        this.slots = new RestartSlots(concurrency);
        this.maxJobs = concurrency + Math.max(1, concurrency / 4);
        this.maxFinishing = concurrency;
        this.lease = lease;
        this.renewInterval = renewInterval;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    public int runningJobs() {
        return executions.size();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ticker = Flux.interval(Duration.ZERO, pollInterval).subscribe(t -> kick());
        // the queued gauge needs a count over the collection: at the lease rhythm, not at every poll
        renewer = Flux.interval(Duration.ZERO, renewInterval).subscribe(t -> {
            if (t > 0) {
                renewLeases();
            }
            store.countQueued().subscribe(metrics::queued, e -> log.debug("cannot count queued jobs", e));
        });
        log.info("job engine {} started (concurrency {}, lease {})", owner, concurrency, lease);
    }

    /** Graceful stop: cancel local work and give the leases back so another worker resumes at once. */
    @Override
    public void stop() {
        var released = halt();
        Flux.fromIterable(released)
                .flatMap(job -> store.release(job, clock.instant(), Duration.ZERO).onErrorResume(e -> {
                    // shutting down anyway: the lease then expires and another worker resumes the job later
                    log.warn("cannot give back job {} on shutdown: {}", job.operationId(), e.toString());
                    return Mono.empty();
                }))
                .then().block(Duration.ofSeconds(10));
    }

    /** Stops without giving leases back, like a crash: other workers take over when the leases expire. */
    public synchronized List<RestartJob> halt() {
        running = false;
        if (ticker != null) {
            ticker.dispose();
        }
        if (renewer != null) {
            renewer.dispose();
        }
        var jobs = executions.values().stream().map(e -> e.job).toList();
        executions.values().forEach(e -> {
            if (e.disposable != null) {
                e.disposable.dispose();
            }
        });
        executions.clear();
        restarting = 0;
        metrics.running(0);
        return jobs;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Jobs recorded by this worker's intake: claim them by id before searching. */
    public void offer(Collection<String> operationIds) {
        offered.addAll(operationIds);
        kick();
    }

    /** Looks for claimable jobs now (called when a job was recorded or finished, and periodically). */
    public void kick() {
        fill(true);
    }

    /**
     * Starts claims while slots are free: up to {@value #PARALLEL_CLAIMS} at once for jobs offered by id, and
     * one search at a time for any other claimable job. Never claims more than the free slots.
     */
    private synchronized void fill(boolean searchAllowed) {
        boolean search = searchAllowed;
        while (running && restarting + claimsInFlight < maxJobs
                && executions.size() + claimsInFlight < maxJobs + maxFinishing && claimsInFlight < PARALLEL_CLAIMS) {
            String offeredId = offered.poll();
            if (offeredId == null && (!search || searching)) {
                return;
            }
            claimsInFlight++;
            boolean isSearch = offeredId == null;
            if (isSearch) {
                searching = true;
                search = false;
            }
            long began = System.nanoTime();
            Mono<RestartJob> claim = isSearch ? store.claim(owner, clock.instant(), lease)
                    : store.claimNew(offeredId, owner, clock.instant(), lease);
            claim.doOnSuccess(v -> metrics.phase(WorkerMetrics.Phase.CLAIM, System.nanoTime() - began))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .subscribe(claimed -> claimDone(isSearch, claimed), e -> {
                        log.warn("cannot claim jobs: {}", e.toString());
                        claimDone(isSearch, Optional.empty());
                    });
        }
    }

    private void claimDone(boolean wasSearch, Optional<RestartJob> claimed) {
        // launched outside the lock (a job's first steps run on this thread); the claim still counts until then
        claimed.ifPresent(this::launch);
        synchronized (this) {
            claimsInFlight--;
            if (wasSearch) {
                searching = false;
            }
        }
        // a search that found nothing does not search again until the next kick
        fill(claimed.isPresent() || !wasSearch);
    }

    private void launch(RestartJob job) {
        if (!running) {
            store.release(job, clock.instant(), Duration.ZERO).subscribe(v -> { }, e -> log.debug(
                    "cannot give back job {} (its lease expires by itself): {}", job.operationId(), e.toString()));
            return;
        }
        var execution = new Execution(job);
        Execution previous = executions.put(job.operationId(), execution);
        if (previous != null && previous.disposable != null) {
            // our own lease had lapsed and we claimed the job again: the newer claim wins
            previous.disposable.dispose();
        }
        metrics.running(executions.size());
        synchronized (this) {
            restarting++;
        }
        var restartsDone = new AtomicBoolean();
        Runnable leftRestarts = () -> {
            if (restartsDone.compareAndSet(false, true)) {
                synchronized (this) {
                    restarting--;
                }
                kick();
            }
        };
        execution.disposable = restart.run(job, slots, leftRestarts)
                .doFinally(signal -> {
                    executions.remove(job.operationId(), execution);
                    metrics.running(executions.size());
                    leftRestarts.run();
                    kick();
                })
                .subscribe(v -> { }, e -> onTrouble(job, e));
    }

    private void onTrouble(RestartJob job, Throwable e) {
        if (e instanceof LeaseLostException) {
            log.info("job {} was taken over by another worker", job.operationId());
            return;
        }
        log.warn("job {} interrupted ({}); it resumes from its checkpoint in {}", job.operationId(), e.toString(),
                TROUBLE_BACKOFF);
        store.release(job, clock.instant(), TROUBLE_BACKOFF)
                .subscribe(v -> { }, err -> log.warn("cannot release job {}; its lease expires by itself: {}",
                        job.operationId(), err.toString()));
    }

    private void renewLeases() {
        Flux.fromIterable(executions.values())
                .flatMap(execution -> store.renew(execution.job, clock.instant(), lease)
                        .onErrorResume(e -> {
                            log.warn("cannot renew lease of {}: {}", execution.job.operationId(), e.toString());
                            return Mono.just(true); // keep going; the fence protects the job if we lose it
                        })
                        .filter(renewed -> !renewed)
                        .doOnNext(lost -> {
                            log.info("lost the lease of job {}; stopping it here", execution.job.operationId());
                            executions.remove(execution.job.operationId(), execution);
                            if (execution.disposable != null) {
                                execution.disposable.dispose();
                            }
                        }))
                .subscribe();
    }
}
