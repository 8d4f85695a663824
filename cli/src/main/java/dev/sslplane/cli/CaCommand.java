package dev.sslplane.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ca", mixinStandardHelpOptions = true, description = {"Download the CA certificate (PEM) applications verify the nodes with; during a "
        + "rotation the bundle of both CAs. Refused (exit 3, SSL_NOT_ENABLED) unless SSL is enabled."})
final class CaCommand extends CliCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = {"-o", "--out-file"}, paramLabel = "FILE", description = "where to write the PEM (default: "
            + "standard output)")
    Path file;

    @Override
    ExitCode run() throws Exception {
        String pem = client().queries().caPem(instanceId);
        int certificates = pem.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
        Output output = output();
        if (file == null) {
            if (output.json()) {
                output.printJson(Map.of("instanceId", instanceId, "certificates", certificates, "pem", pem));
            } else {
                output.writer().print(pem);
                output.writer().flush();
            }
            return ExitCode.OK;
        }
        Files.writeString(file, pem);
        if (output.json()) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("instanceId", instanceId);
            written.put("file", file.toAbsolutePath().toString());
            written.put("certificates", certificates);
            output.printJson(written);
        } else {
            output.line("wrote " + certificates + " CA certificate" + (certificates == 1 ? "" : "s") + " of "
                    + instanceId + " to " + file);
        }
        return ExitCode.OK;
    }
}
