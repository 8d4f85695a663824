package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the supervisor's view readable from outside: {@code <data>/status.json} for {@code run-local.sh status},
 * and each child's current pid in {@code <data>/pids/<name>.pid} for operators and tests.
 */
final class StatusPublisher implements Consumer<List<ChildStatus>> {

    private final StatusFile file;
    private final Path pids;
    private final Clock clock;
    private final Consumer<String> say;
    private boolean warned;

    StatusPublisher(Path dataDir, Clock clock, Consumer<String> say) {
        this.file = StatusFile.in(dataDir);
        this.pids = dataDir.resolve("pids");
        this.clock = clock;
        this.say = say;
    }

    @Override
    public void accept(List<ChildStatus> children) {
        try {
            Files.createDirectories(pids);
            for (ChildStatus child : children) {
                if (child.pid() != 0) {
                    Files.writeString(pids.resolve(child.name() + ".pid"), child.pid() + "\n");
                }
            }
            file.write(StackStatus.ofThisProcess(clock.instant(), children));
        } catch (IOException e) {
            // the stack runs on without it; only `status` is blind, so say it once rather than on every change
            if (!warned) {
                warned = true;
                say.accept("⚠ cannot write " + file.path() + " (run-local.sh status will not see this stack): " + e);
            }
        }
    }
}
