package dev.sslplane.cli;

import dev.sslplane.client.model.InstanceStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "SSL status of one instance: CA, TLS mode, nodes, the last operation.")
final class StatusCommand extends CliCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = "--position", paramLabel = "N", description = "the position a command printed: show the status "
            + "with that command's operation in it (the query service waits for it briefly)")
    Long position;

    @Override
    ExitCode run() {
        InstanceStatus status = client().queries().status(instanceId, position);
        Output output = output();
        if (output.json()) {
            output.printJson(status);
            return ExitCode.OK;
        }
        output.line(status.instanceId() + "  SSL " + status.sslStatus() + "  TLS " + Output.cell(status.tlsMode())
                + (status.tlsEnforced() ? " (enforced)" : "") + "  engine " + status.engineVersion() + " "
                + status.topology() + (status.stale() ? "  (stale: events are missing)" : ""));
        InstanceStatus.Ca ca = status.currentCa();
        if (ca != null) {
            output.line("CA         serial " + ca.serial() + "  valid until " + Output.instant(ca.notAfter()) + "  "
                    + expiry(ca.expiry(), ca.daysLeft()));
            output.line("           SHA-256 " + ca.sha256Fingerprint());
        }
        if (status.previousCa() != null) {
            output.line("previous   serial " + status.previousCa().serial() + " (trusted until the rotation ends)");
        }
        InstanceStatus.MaintenanceWindow window = status.maintenanceWindow();
        output.line("window     " + (window == null ? "- (none: operations cannot be scheduled)"
                : window.dayOfWeek() + " " + window.start() + " UTC for " + window.duration()));
        output.line("renewal    " + ("IN_MAINTENANCE_WINDOW".equals(status.renewalPolicy())
                ? "automatic, in the maintenance window" : "off (node certificates are renewed by `sslplane renew`)"));
        output.line("operation  " + summary(status.operation()));
        output.table(List.of("NODE", "ADDRESS", "ROLE", "TLS", "CERTIFICATE", "LAST RESTART"), status.nodes().stream()
                .map(n -> List.of(n.name(), n.host() + ":" + n.port(),
                        n.currentRole() != null ? n.currentRole() : n.role(), Output.cell(n.tlsMode()),
                        n.certificate() == null ? "-"
                                : n.certificate().serial() + " " + expiry(n.certificate().expiry(),
                                        n.certificate().daysLeft()),
                        Output.instant(n.lastRestartedAt())))
                .toList());
        return ExitCode.OK;
    }

    /** "OK, 312 days left", "RENEW_SOON, 20 days left", "EXPIRED 3 days ago". */
    static String expiry(String state, long daysLeft) {
        if (state == null) {
            return "";
        }
        return daysLeft < 0 ? state + " " + -daysLeft + " days ago" : state + ", " + daysLeft + " days left";
    }

    static String summary(InstanceStatus.OperationSummary operation) {
        if (operation == null) {
            return "-";
        }
        if ("SCHEDULED".equals(operation.state())) {
            return operation.kind() + " SCHEDULED, starts " + Output.instant(operation.scheduledFor())
                    + " (window closes " + Output.instant(operation.windowEndsAt()) + ") (" + operation.operationId()
                    + ")";
        }
        return operation.kind() + " " + operation.state() + " " + operation.nodesDone() + "/"
                + operation.nodesTotal() + " (" + operation.operationId() + ")"
                + ("ABORTING".equals(operation.state()) ? ", stops after the node in progress" : "");
    }
}
