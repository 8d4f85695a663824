package dev.sslplane.query.bench;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.query.QueryServiceApplication;
import dev.sslplane.query.health.ConsumerLagMonitor;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.query.replay.ReplayService;
import dev.sslplane.query.replay.ReplayStatus;
import dev.sslplane.query.support.InMemoryMongo;
import dev.sslplane.query.support.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Measures, in one run on the same data (KRaft broker in-process, embedded MongoDB-wire server, in-memory):
 * rebuild (replay) throughput, raw consumption of the same topic, raw bulk writes of the same documents, and
 * status-query latency under 200 concurrent requests next to a raw {@code findOne} by id.
 *
 * <p>Status and raw {@code findOne} are measured alike: same process, same MongoDB client (the service's own, so
 * the same driver settings and pool), same concurrency, same number of calls. Before measuring, both paths are
 * warmed up as JMH does: rounds of {@code bench.requests} calls each until the JIT compilers are (nearly) idle, at
 * most {@code bench.warmupRounds} (default 30; 0 = the former 2,000-call warm-up only; the compilers of this JVM,
 * which also holds a Kafka broker and a MongoDB-wire server, took 20–22 rounds of 10,000 calls to fall idle, and
 * after 10 they still took half a core). Measured after 2,000 calls,
 * the C2 compiler was still busy for most of the status phase and its CPU, on the same two cores, was charged to the
 * status calls (CPU per status call fell from ~4,000 µs to ~800–1,100 µs over ten rounds). Each warm-up round and
 * measured round prints CPU per call, calls/s, JIT and GC time. The measured calls alternate between the two paths
 * in {@code bench.measureRounds} pairs of rounds (default 4; status then findOne, then findOne then status, …), so
 * that compiler, GC and background activity during the measurement fall on both alike. {@code -Dbench.jfr} starts
 * a recording just before the measured rounds, which itself sets the JIT off again: profile with
 * {@code -XX:StartFlightRecording} in {@code MAVEN_OPTS} instead, and quote numbers measured without either.
 *
 * <pre>./mvnw -q -pl query-service test-compile exec:java -Dbench.instances=3000</pre>
 */
public final class QueryBenchmark {

    private static final MessageCodec CODEC = new MessageCodec();

    public static void main(String[] args) throws Exception {
        int instances = Integer.getInteger("bench.instances", 3000);
        int requests = Integer.getInteger("bench.requests", 20_000);
        int concurrency = Integer.getInteger("bench.concurrency", 200);
        // -Dbench.latencyOnly=true skips the consume / rebuild / bulk-write measures (status latency only)
        boolean latencyOnly = Boolean.getBoolean("bench.latencyOnly");

        var broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.EVENTS);
        broker.afterPropertiesSet();
        var mongo = new InMemoryMongo();
        ConfigurableApplicationContext app = null;
        try {
            List<String> ids = new ArrayList<>();
            long events = produce(broker.getBrokersAsString(), instances, ids);
            System.out.printf("data: %d instances, %d events on %s (3 partitions)%n", instances, events,
                    Topics.EVENTS);

            double rawConsume = latencyOnly ? 0 : rawConsume(broker.getBrokersAsString(), events, false);
            System.out.printf("raw consume (poll only, no decoding):       %,10.0f events/s%n", rawConsume);
            double decodingConsume = latencyOnly ? 0 : rawConsume(broker.getBrokersAsString(), events, true);
            System.out.printf("consume + decode with MessageCodec (1 thread): %,7.0f events/s%n", decodingConsume);

            // the service authenticates every API call: a viewer token from a throw-away tokens file
            Path secrets = Files.createTempDirectory("sslplane-bench-secrets");
            String viewerToken = LocalTokens.ensure(secrets).get(Role.VIEWER.configName());

            long liveStart = System.nanoTime();
            app = new SpringApplicationBuilder(QueryServiceApplication.class).run(
                    "--server.port=0",
                    "--sslplane.security.tokens-file=" + secrets.resolve(LocalTokens.HASHED_FILE),
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--sslplane.query.mongo.uri=" + mongo.uri("bench"),
                    "--sslplane.query.kafka.lag-poll-interval=500ms",
                    "--logging.level.root=WARN", System.getProperty("bench.extraArg", "--bench.none=1"));
            ConsumerLagMonitor lag = app.getBean(ConsumerLagMonitor.class);
            waitFor(() -> lag.last() != null && lag.last().error() == null && lag.last().total() == 0,
                    Duration.ofMinutes(10), () -> "lag " + lag.last());
            double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
            System.out.printf("live projection incl. startup:              %,10.0f events/s (%.1f s)%n",
                    events / liveSeconds, liveSeconds);

            MongoClient client = MongoClients.create(mongo.uri("bench"));
            var store = app.getBean(ReadModelStore.class);
            if (!latencyOnly) {
                replayAndRawWrite(app, client, store, events, rawConsume, decodingConsume);
            }

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            var provider = ConnectionProvider.builder("bench").maxConnections(concurrency)
                    .pendingAcquireMaxCount(-1).build();
            // a real HTTP client over loopback with the bearer header: reactor-netty's, which WebClient wraps, used
            // directly so the client's own CPU (sharing the two cores with the server) stays small
            // the client on event loops of its own (-Dbench.clientLoops, default 2), as a remote client's would be
            // and as the raw findOne's client (the driver) has its own threads; 0 = share the server's loops
            int clientLoops = Integer.getInteger("bench.clientLoops", 2);
            reactor.netty.resources.LoopResources clientLoopResources = clientLoops > 0
                    ? reactor.netty.resources.LoopResources.create("bench-client", clientLoops, true) : null;
            HttpClient sharedLoops = HttpClient.create(provider).baseUrl("http://127.0.0.1:" + port)
                    .headers(h -> h.set("Authorization", "Bearer " + viewerToken).set("Accept", "application/json"));
            HttpClient http = clientLoopResources == null ? sharedLoops : sharedLoops.runOn(clientLoopResources);
            MongoCollection<Document> instancesCollection = store.active().instances();
            var random = new Random(7);
            // one call of each path, on a random instance
            java.util.function.IntFunction<Mono<Object>> statusCalls =
                    i -> statusCall(http, ids.get(random.nextInt(ids.size())));
            java.util.function.IntFunction<Mono<Object>> findOnes =
                    i -> findOne(instancesCollection, ids.get(random.nextInt(ids.size())));
            // warm up both paths: 2,000 calls each, then (JMH-like) whole rounds until the JIT has compiled the hot
            // code — measured with 2,000 calls only, the C2 compiler thread was still busy for most of the status
            // phase (and charged to it: it shares the two cores); -Dbench.warmupRounds=0 measures the old way
            latencies(Math.min(2000, requests), concurrency, statusCalls);
            latencies(Math.min(2000, requests), concurrency, findOnes);
            int warmupRounds = Integer.getInteger("bench.warmupRounds", 30);
            for (int round = 1; round <= warmupRounds; round++) {
                var status = Phase.start();
                latencies(requests, concurrency, statusCalls);
                String statusCost = status.end(requests);
                var raw = Phase.start();
                latencies(requests, concurrency, findOnes);
                System.out.printf("warm-up round %d: status %s; raw findOne %s%n", round, statusCost,
                        raw.end(requests));
                if (status.jitMillis + raw.jitMillis < 1000) {
                    break; // the compilers are (nearly) idle: the hot code of both paths is compiled
                }
            }
            // -Dbench.jfr=file.jfr records a profile of the measured calls
            String jfrFile = System.getProperty("bench.jfr");
            jdk.jfr.Recording recording = null;
            if (jfrFile != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            // the two paths take turns (status then findOne, then findOne then status, …) so that what else the JVM
            // and the machine do meanwhile (compiler, GC, broker, other processes) falls on both alike
            int pairs = Math.max(1, Integer.getInteger("bench.measureRounds", 4));
            int perRound = requests / pairs;
            long[] api = new long[0];
            long[] raw = new long[0];
            double apiCpuMicros = 0;
            double rawCpuMicros = 0;
            System.out.println("measured phase starts " + Instant.now());
            for (int turn = 0; turn < 2 * pairs; turn++) {
                boolean status = (turn % 2 == 0) == (turn / 2 % 2 == 0);
                var phase = Phase.start();
                long[] latencies = latencies(perRound, concurrency, status ? statusCalls : findOnes);
                System.out.printf("measured round %d, %s: %s%n", turn / 2 + 1, status ? "status" : "raw findOne",
                        phase.end(perRound));
                if (status) {
                    api = concat(api, latencies);
                    apiCpuMicros += phase.cpuMicrosPerCall * perRound;
                } else {
                    raw = concat(raw, latencies);
                    rawCpuMicros += phase.cpuMicrosPerCall * perRound;
                }
            }
            System.out.println("measured phase ends " + Instant.now());
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(jfrFile));
                recording.close();
            }
            Arrays.sort(api);
            Arrays.sort(raw);
            double apiCpu = apiCpuMicros / api.length;
            double rawCpu = rawCpuMicros / raw.length;
            System.out.printf("load average %.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("GET /api/v1/instances/{id}/ssl, %d concurrent: median %.2f ms, p99 %.2f ms (%d requests)%n",
                    concurrency, pct(api, 50), pct(api, 99), api.length);
            System.out.printf("raw findOne by _id,            %d concurrent: median %.2f ms, p99 %.2f ms%n",
                    concurrency, pct(raw, 50), pct(raw, 99));
            System.out.printf("STATUS p99 / raw findOne p99 = %.2f (target <= 3)%n", pct(api, 99) / pct(raw, 99));
            // CPU of this whole JVM (client, server, MongoDB-wire server) per call: steadier than latency when
            // other processes share the cores
            System.out.printf("CPU per call: status %.0f us, raw findOne %.0f us, ratio %.2f%n", apiCpu, rawCpu,
                    apiCpu / rawCpu);
            // status reads answered from the instance cache (-Dbench.extraArg=--sslplane.query.api.instance-cache-size=0
            // measures without it)
            var meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            System.out.printf("instance cache reads over the whole run: %s%n",
                    meters.find("sslplane.query.instance.cache.reads").counters().stream()
                            .map(c -> c.getId().getTag("result") + " " + (long) c.count()).toList());
            client.close();
            provider.dispose();
            if (clientLoopResources != null) {
                clientLoopResources.dispose();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            mongo.close();
            broker.destroy();
        }
        System.exit(0);
    }

    /** Instances with a realistic life each, interleaved at random but in order per instance. */
    private static long produce(String brokers, int instances, List<String> ids) throws Exception {
        var random = new Random(42);
        List<Iterator<ProjectedEvent>> streams = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String id = String.format("rs-bench-%05d", i);
            ids.add(id);
            var life = new Lifecycle(id, Instant.parse("2026-11-28T10:00:00Z").plusSeconds(i), 3).register();
            CertificateInfo ca = life.newCa();
            String op1 = id + "-op1";
            life.enable(op1, ca).restartAll(op1, 1).complete(op1, OperationKind.ENABLE);
            CertificateInfo next = life.newCa();
            String op2 = id + "-op2";
            life.rotate(op2, next, ca.serial()).nodeStarted(op2, "rs0-0", 1).fail(op2, OperationKind.ROTATE, "rs0-0")
                    .retry(op2, OperationKind.ROTATE, next, 2).restartAll(op2, 2).complete(op2, OperationKind.ROTATE);
            if (random.nextBoolean()) {
                String op3 = id + "-op3";
                life.disable(op3, next.serial()).restartAll(op3, 1).complete(op3, OperationKind.DISABLE);
            }
            streams.add(life.events().iterator());
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long count = 0;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var open = new ArrayList<>(streams);
            while (!open.isEmpty()) {
                int i = random.nextInt(open.size());
                Iterator<ProjectedEvent> it = open.get(i);
                ProjectedEvent e = it.next();
                producer.send(new ProducerRecord<>(Topics.EVENTS, e.instanceId(), CODEC.encode(e.envelope())));
                count++;
                if (!it.hasNext()) {
                    open.set(i, open.get(open.size() - 1));
                    open.remove(open.size() - 1);
                }
            }
            producer.flush();
        }
        return count;
    }

    private static double rawConsume(String brokers, long expected, boolean decode) {
        var decoder = new dev.sslplane.query.projection.EventDecoder(CODEC);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        double best = 0;
        for (int round = 0; round < 3; round++) {
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                long start = System.nanoTime();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long read = 0;
                long bytes = 0;
                while (read < expected) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        read++;
                        bytes += record.value().length;
                        if (decode && !(decoder.decode(record.value())
                                instanceof dev.sslplane.contracts.messaging.Decoded.Ok<?>)) {
                            throw new IllegalStateException("unreadable record");
                        }
                    }
                }
                double rate = read / ((System.nanoTime() - start) / 1e9);
                best = Math.max(best, rate);
                if (round == 0 && !decode) {
                    System.out.printf("(topic holds %,d bytes of event values)%n", bytes);
                }
            }
        }
        return best;
    }

    /** Bulk-inserts the final documents of every rebuilt collection into fresh collections: docs/s, seconds, docs. */
    private static double[] rawWrite(MongoClient client, ReadModelStore store) {
        MongoDatabase target = client.getDatabase("bench_raw_write");
        Map<String, List<Document>> all = new HashMap<>();
        store.active().collections().forEach((name, c) ->
                all.put(name, Flux.from(c.find()).collectList().block(Duration.ofMinutes(5))));
        long docs = all.values().stream().mapToLong(List::size).sum();
        long start = System.nanoTime();
        for (Map.Entry<String, List<Document>> e : all.entrySet()) {
            MongoCollection<Document> collection = target.getCollection(e.getKey());
            List<Document> list = e.getValue();
            for (int i = 0; i < list.size(); i += 2000) {
                Mono.from(collection.insertMany(list.subList(i, Math.min(list.size(), i + 2000))))
                        .block(Duration.ofMinutes(5));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {docs / seconds, seconds, docs};
    }

    /** Rebuild throughput, then raw bulk writes of the rebuilt documents, and the replay ratio. */
    private static void replayAndRawWrite(ConfigurableApplicationContext app, MongoClient client, ReadModelStore store,
                                          long events, double rawConsume, double decodingConsume)
            throws InterruptedException {
        ReplayService replay = app.getBean(ReplayService.class);
        replay.start();
        waitFor(() -> !replay.status().running(), Duration.ofMinutes(10), () -> "replay " + replay.status());
        ReplayStatus status = replay.status();
        System.out.printf("replay (rebuild into fresh collections):    %,10.0f events/s (%s, digests match: %s)%n",
                status.eventsPerSecond(), status.state(), status.digestsMatch());
        double[] write = rawWrite(client, store);
        System.out.printf("raw bulk write of the rebuilt documents:    %,10.0f docs/s = %,.0f events/s equivalent"
                + " (%d docs)%n", write[0], events / write[1], (long) write[2]);
        double rawWriteEvents = events / write[1];
        System.out.printf("REPLAY RATIO replay / min(raw consume, raw write) = %.2f (target >= 0.5)%n",
                status.eventsPerSecond() / Math.min(rawConsume, rawWriteEvents));
        System.out.printf("  (replay / min(consume + decode, raw write) = %.2f)%n",
                status.eventsPerSecond() / Math.min(decodingConsume, rawWriteEvents));
    }

    /** The whole answer read; anything but 200 fails the run. */
    private static Mono<Object> statusCall(HttpClient http, String id) {
        return http.get().uri("/api/v1/instances/" + id + "/ssl")
                .responseSingle((response, body) -> response.status().code() == 200
                        ? body.asByteArray().map(bytes -> bytes.length > 0 ? bytes : null)
                        : Mono.error(new IllegalStateException("status " + response.status() + " for " + id)))
                .cast(Object.class);
    }

    private static Mono<Object> findOne(MongoCollection<Document> collection, String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).cast(Object.class);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs {@code total} calls with {@code concurrency} in flight; returns each call's latency in nanoseconds. */
    private static long[] latencies(int total, int concurrency, java.util.function.IntFunction<Mono<Object>> call) {
        long[] out = new long[total];
        Flux.range(0, total)
                .flatMap(i -> Mono.defer(() -> {
                    long start = System.nanoTime();
                    return call.apply(i).doOnSuccess(x -> out[i] = System.nanoTime() - start);
                }), concurrency)
                .blockLast(Duration.ofMinutes(10));
        Arrays.sort(out);
        return out;
    }

    /** CPU of this JVM, JIT compilation and GC time over a phase of the benchmark. */
    private static final class Phase {
        private final long cpu = processCpuNanos();
        private final long jit =
                java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        private final long gc = gcMillis();
        private final long wall = System.nanoTime();
        double cpuMicrosPerCall;
        long jitMillis;

        static Phase start() {
            return new Phase();
        }

        String end(int calls) {
            cpuMicrosPerCall = (processCpuNanos() - cpu) / 1e3 / calls;
            jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit;
            return String.format("CPU %.0f us/call, %.0f calls/s, JIT %d ms, GC %d ms", cpuMicrosPerCall,
                    calls / ((System.nanoTime() - wall) / 1e9), jitMillis, gcMillis() - gc);
        }

        private static long gcMillis() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double pct(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout,
                                java.util.function.Supplier<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > nextReport) {
                System.out.println("  ... " + progress.get());
                nextReport = System.nanoTime() + 5_000_000_000L;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private QueryBenchmark() {
    }
}
