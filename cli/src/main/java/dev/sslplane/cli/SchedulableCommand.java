package dev.sslplane.cli;

import dev.sslplane.contracts.model.Schedule;
import picocli.CommandLine.Option;

/** An operation command that may start now or wait for the instance's maintenance window ({@code --schedule}). */
abstract class SchedulableCommand extends OperationCommand {

    @Option(names = "--schedule", paramLabel = "WHEN", defaultValue = "now",
            converter = OperationCommand.ScheduleConverter.class,
            description = "now (default) or maintenance-window: start when the instance's maintenance window next "
                    + "opens (set it with 'sslplane window'); until then it can be cancelled with 'sslplane cancel'")
    Schedule schedule;

    @Override
    Schedule schedule() {
        return schedule;
    }
}
