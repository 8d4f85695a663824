package dev.sslplane.client.kafka;

import dev.sslplane.client.OperationTimeoutException;
import dev.sslplane.client.SslplaneException;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code ssl.command-results} on its own thread and completes the futures of the commands this publisher
 * sent. It assigns every partition itself instead of joining a consumer group: each publisher must see the answers
 * to its own commands, whichever partition their key hashes to, and a group would split them between instances of
 * the sending service. It starts at the end of each partition, fixed before the first command goes out, so no
 * answer to a command of this publisher can be missed and no old answer is read.
 */
final class CommandResultListener implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final MessageCodec codec;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException startFailure;

    CommandResultListener(Map<String, Object> kafka, MessageCodec codec, Duration startTimeout) {
        this.codec = codec;
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put("enable.auto.commit", "false");
        config.put("allow.auto.create.topics", "false");
        config.put("auto.offset.reset", "latest");
        config.remove("group.id");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(startTimeout), "sslplane-command-results");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!positioned.await(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                close();
                throw new OperationTimeoutException("reading " + Topics.COMMAND_RESULTS, startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SslplaneException("interrupted while starting the command-result reader", e);
        }
        if (startFailure != null) {
            close();
            throw startFailure;
        }
    }

    /** A future for the answer to {@code commandId}; register before sending so the answer cannot overtake it. */
    CompletableFuture<CommandResult> expect(String commandId) {
        var future = new CompletableFuture<CommandResult>();
        pending.put(commandId, future);
        // a caller that gives up must not leave its entry behind
        future.whenComplete((result, error) -> pending.remove(commandId, future));
        return future;
    }

    private void run(Duration startTimeout) {
        try {
            try {
                position(startTimeout);
            } catch (RuntimeException e) {
                startFailure = e instanceof SslplaneException ? e
                        : new SslplaneException("cannot read " + Topics.COMMAND_RESULTS + ": " + e.getMessage(), e);
                return;
            } finally {
                positioned.countDown();
            }
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && pending.containsKey(record.key())) {
                        complete(record.value());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            var failure = new SslplaneException("reading " + Topics.COMMAND_RESULTS + " failed: " + e, e);
            pending.values().forEach(f -> f.completeExceptionally(failure));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void complete(byte[] value) {
        Decoded<CommandResult> decoded = codec.read(value, CommandResult.class);
        if (decoded instanceof Decoded.Ok<CommandResult> ok && ok.value().commandId() != null) {
            var future = pending.get(ok.value().commandId());
            if (future != null) {
                future.complete(ok.value());
            }
        }
    }

    /** Every partition of the topic (which the command service declares), at its end, before any command is sent. */
    private void position(Duration startTimeout) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            try {
                var infos = consumer.partitionsFor(Topics.COMMAND_RESULTS, Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException slowBroker) {
                // a broker that is starting or busy: ask again until the caller's start timeout
                partitions = List.of();
            }
            if (partitions.isEmpty() && System.nanoTime() > deadline) {
                throw new OperationTimeoutException("the topic " + Topics.COMMAND_RESULTS
                        + " to exist (the command service creates it)", startTimeout);
            }
            if (partitions.isEmpty()) {
                pauseBriefly();
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: fix the positions now
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SslplaneException("interrupted", e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var closed = new SslplaneException("the command publisher was closed");
        pending.values().forEach(f -> f.completeExceptionally(closed));
    }
}
