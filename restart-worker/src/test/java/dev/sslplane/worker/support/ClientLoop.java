package dev.sslplane.worker.support;

import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client that connects again and again (a new connection each time) to every member of a set, the way an
 * application reconnects during an operation. A member that refuses it counts as a failure only while it is
 * running: a member that is down for its restart is not the client's failure; a member that runs but will not
 * talk to this client, also on a second try (see the loop), is. {@code runOf} names the member's current run
 * (null while it is down) and is asked just before and just after the attempt: only a refusal within one and the
 * same run counts, so a restart that falls between the two looks is not mistaken for a refusal. A round in which
 * no member answered at all counts as a failure too (the set was unreachable).
 */
public final class ClientLoop implements AutoCloseable {

    private final ReplicaSetClient client;
    private final List<Member> members;
    private final Connection connection;
    private final Function<Member, String> runOf;
    private final Thread thread;
    private final AtomicInteger rounds = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public ClientLoop(String name, ReplicaSetClient client, List<Member> members, Connection connection,
                      Function<Member, String> runOf) {
        this.client = client;
        this.members = List.copyOf(members);
        this.connection = connection;
        this.runOf = runOf;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            int answered = 0;
            for (Member member : members) {
                String runBefore = runOf.apply(member);
                // one retry, as drivers retry a read once after a network error: 3.4 and 4.0 close every client
                // connection when their primary steps down, which no application sees as a refusal
                if (answers(member, connection) || answers(member, connection)) {
                    answered++;
                } else if (runBefore != null && runBefore.equals(runOf.apply(member))) {
                    failures.add(member.name() + " runs but refused " + connection);
                }
            }
            if (answered == 0) {
                failures.add("no member answered " + connection);
            }
            rounds.incrementAndGet();
            try {
                Thread.sleep(50); // a client's pace, not a busy loop
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean answers(Member member, Connection how) {
        try {
            client.isMaster(member, how).block(Duration.ofSeconds(10));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public int rounds() {
        return rounds.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
