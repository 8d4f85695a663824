package dev.sslplane.cli;

import dev.sslplane.client.model.Certificate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Every CA certificate issued for an instance, newest first.")
final class HistoryCommand extends CliCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Override
    ExitCode run() {
        List<Certificate> history = client().queries().history(instanceId);
        Output output = output();
        if (output.json()) {
            output.printJson(history);
            return ExitCode.OK;
        }
        output.table(List.of("SERIAL", "CURRENT", "ISSUED", "RETIRED", "VALID UNTIL", "BY OPERATION"),
                history.stream().map(c -> List.of(c.serial(), c.current() ? "yes" : "", Output.instant(c.issuedAt()),
                        Output.instant(c.retiredAt()), Output.instant(c.notAfter()),
                        Output.cell(c.issuedByOperation()))).toList());
        return ExitCode.OK;
    }
}
