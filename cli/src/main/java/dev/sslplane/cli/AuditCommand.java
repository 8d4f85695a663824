package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.client.model.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true, description = {"The audit trail (needs the auditor role), oldest first: who did what to "
        + "which instance. --follow keeps printing new entries until Ctrl-C."})
final class AuditCommand extends CliCommand {

    @Parameters(paramLabel = "INSTANCE", arity = "0..1", description = "only this instance")
    String instanceId;

    @Option(names = "--follow", description = "keep printing new entries as they are recorded (polls every "
            + "--interval)")
    boolean follow;

    @Option(names = "--ndjson", description = "one JSON document per line, every entry (the export); without it "
            + "the newest --limit entries")
    boolean ndjson;

    @Option(names = "--limit", defaultValue = "20", description = "entries shown without --ndjson (default "
            + "${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--interval", defaultValue = "2s", converter = OperationCommand.DurationConverter.class,
            description = "with --follow: how often to look for new entries (default ${DEFAULT-VALUE})")
    Duration interval;

    private final Set<String> seen = new HashSet<>();
    private Instant newest;

    @Override
    ExitCode run() throws InterruptedException {
        SslplaneClient client = client();
        Output output = output();
        AuditQuery query = instanceId == null ? AuditQuery.all() : AuditQuery.instance(instanceId);
        if (ndjson) {
            client.queries().exportAudit(query, entry -> print(output, entry));
        } else {
            List<AuditEntry> page = new ArrayList<>(client.queries().audit(query.limit(limit)).items());
            java.util.Collections.reverse(page);
            if (output.json() && !follow) {
                output.printJson(page);
                return ExitCode.OK;
            }
            page.forEach(entry -> print(output, entry));
        }
        while (follow) {
            Thread.sleep(interval.toMillis());
            newEntries(client, query).forEach(entry -> print(output, entry));
        }
        return ExitCode.OK;
    }

    /**
     * Entries recorded at or after the newest printed, oldest first: {@code from} is inclusive, so entries of the
     * same millisecond are read again and skipped by id.
     */
    private List<AuditEntry> newEntries(SslplaneClient client, AuditQuery query) {
        List<AuditEntry> fresh = new ArrayList<>();
        AuditQuery since = newest == null ? query.limit(500) : query.from(newest).limit(500);
        Page<AuditEntry> page;
        do {
            page = client.queries().audit(since);
            page.items().stream().filter(e -> !seen.contains(e.eventId())).forEach(fresh::add);
            since = since.cursor(page.nextCursor());
        } while (page.nextCursor() != null);
        java.util.Collections.reverse(fresh);
        return fresh;
    }

    private void print(Output output, AuditEntry entry) {
        if (!seen.add(entry.eventId())) {
            return;
        }
        if (entry.occurredAt() != null && (newest == null || entry.occurredAt().isAfter(newest))) {
            newest = entry.occurredAt();
        }
        if (ndjson || output.json()) {
            output.printJsonLine(entry);
        } else {
            output.line(String.format("%-24s %-12s %-24s %-22s %s", Output.instant(entry.occurredAt()),
                    entry.instanceId(), entry.actor(), entry.type(), Output.cell(entry.summary())));
        }
    }
}
