package dev.sslplane.worker.support;

import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Polls {@code replSetGetStatus} on every member while an operation runs and keeps what each member saw: which
 * members it found unhealthy and which it took for primary. Members that do not answer (down for their restart)
 * give no sample.
 */
public final class SetMonitor implements AutoCloseable {

    /** What {@code observer} saw at {@code at}; members are named by registered node name. */
    public record Sample(Instant at, String observer, List<String> unhealthy, List<String> primaries) {
    }

    private final ReplicaSetClient client;
    private final List<Member> members;
    private final Function<Member, Connection> connection;
    private final Map<String, String> names;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public SetMonitor(ReplicaSetClient client, List<Member> members, Function<Member, Connection> connection) {
        this.client = client;
        this.members = List.copyOf(members);
        this.connection = connection;
        this.names = members.stream().collect(Collectors.toMap(Member::address, Member::name));
        this.thread = new Thread(this::loop, "set-monitor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            for (Member member : members) {
                try {
                    ReplicaSetStatus status = client.replSetGetStatus(member, connection.apply(member))
                            .block(Duration.ofSeconds(10));
                    samples.add(new Sample(Instant.now(), member.name(),
                            status.members().stream().filter(m -> !m.healthy()).map(m -> name(m.name())).toList(),
                            status.primaries().stream().map(m -> name(m.name())).toList()));
                } catch (RuntimeException e) {
                    // down (restarting) or refusing this connection: no sample
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String name(String address) {
        return names.getOrDefault(address, address);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
