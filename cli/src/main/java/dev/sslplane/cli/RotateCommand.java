package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.model.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rotate", mixinStandardHelpOptions = true, description = "Rotate (update) the CA (only while SSL is Enabled): three rolling restarts, no outage.")
final class RotateCommand extends SchedulableCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = "--hold-old-ca", description = "wait with both CAs trusted after the second pass until the rotation is finished")
    boolean holdOldCa;

    @Mixin
    CertificateOptionsMixin certificates;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        var request = new RotateCertificateRequest(holdOldCa ? Boolean.TRUE : null, certificates.caKeyAlgorithm,
                certificates.caValidity, certificates.nodeCertificateValidity,
                schedule == Schedule.MAINTENANCE_WINDOW ? schedule : null);
        // no body for the defaults, as before the options existed
        return client.commands().rotate(instanceId,
                request.equals(new RotateCertificateRequest(null)) ? null : request, key);
    }
}
