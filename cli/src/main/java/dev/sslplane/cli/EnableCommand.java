package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.model.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable SSL (only while it is Disabled): a new CA, a rolling restart into allowTLS, then preferTLS; nodes then accept TLS and plain connections.")
final class EnableCommand extends SchedulableCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = "--require-tls", description = "require TLS at the end (requireTLS: plain connections refused)")
    boolean requireTls;

    @Mixin
    CertificateOptionsMixin certificates;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        var request = new EnableSslRequest(requireTls ? Boolean.TRUE : null, certificates.caKeyAlgorithm,
                certificates.caValidity, certificates.nodeCertificateValidity,
                schedule == Schedule.MAINTENANCE_WINDOW ? schedule : null);
        // no body for the defaults, as before the options existed
        return client.commands().enable(instanceId, request.equals(new EnableSslRequest(null)) ? null : request,
                key);
    }
}
