package dev.sslplane.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes, before or after its name ({@code sslplane --output json status rs-1} and
 * {@code sslplane status rs-1 --output json}); given in both places, the one after the name wins.
 */
final class GlobalOptions {

    @Option(names = "--command-url", paramLabel = "URL",
            description = "command service (env SSLPLANE_COMMAND_URL; default http://localhost:8081)")
    URI commandUrl;

    @Option(names = "--query-url", paramLabel = "URL",
            description = "query service (env SSLPLANE_QUERY_URL; default http://localhost:8082)")
    URI queryUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the API token (else env SSLPLANE_TOKEN_FILE, else env SSLPLANE_TOKEN); "
                    + "a token is never taken as an argument")
    Path tokenFile;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json")
    Output.Format output;

    /** These options, each unset one taken from {@code outer} (the options before the command's name). */
    GlobalOptions or(GlobalOptions outer) {
        var merged = new GlobalOptions();
        merged.commandUrl = commandUrl != null ? commandUrl : outer.commandUrl;
        merged.queryUrl = queryUrl != null ? queryUrl : outer.queryUrl;
        merged.tokenFile = tokenFile != null ? tokenFile : outer.tokenFile;
        merged.output = output != null ? output : outer.output != null ? outer.output : Output.Format.text;
        return merged;
    }
}
