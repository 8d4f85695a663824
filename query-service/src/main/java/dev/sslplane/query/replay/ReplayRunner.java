package dev.sslplane.query.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** {@code --replay} on the command line starts a rebuild as soon as the service is up; it keeps serving. */
@Component
public class ReplayRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);

    private final ReplayService replay;

    public ReplayRunner(ReplayService replay) {
        this.replay = replay;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("replay")) {
            log.info("--replay given: rebuilding the read models from the start of the events topic");
            replay.start();
        }
    }
}
