package dev.sslplane.cli;

import dev.sslplane.client.ClientSettings;
import dev.sslplane.client.SslplaneClient;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What a command runs with: the environment (handed in, so tests need not change the process's), the two output
 * streams (both redacting) and the secrets to mask in them.
 */
final class CliContext {

    static final String COMMAND_URL_ENV = "SSLPLANE_COMMAND_URL";
    static final String QUERY_URL_ENV = "SSLPLANE_QUERY_URL";

    final Map<String, String> env;
    final PrintWriter out;
    final PrintWriter err;
    final Set<String> secrets;

    CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Set<String> secrets) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.secrets = secrets;
    }

    /** A client for the URLs and token the options and environment name; the token is masked from here on. */
    SslplaneClient client(GlobalOptions options) {
        String token = TokenSource.resolve(options.tokenFile, env);
        secrets.add(token);
        URI command = options.commandUrl != null ? options.commandUrl
                : URI.create(env.getOrDefault(COMMAND_URL_ENV, ClientSettings.DEFAULT_COMMAND_URL.toString()));
        URI query = options.queryUrl != null ? options.queryUrl
                : URI.create(env.getOrDefault(QUERY_URL_ENV, ClientSettings.DEFAULT_QUERY_URL.toString()));
        return new SslplaneClient(ClientSettings.local(() -> token).withUrls(command, query)
                .withUserAgent("sslplane-cli/" + Sslplane.version()));
    }

    Output output(GlobalOptions options) {
        return new Output(out, options.output);
    }

    /** Secrets known before any argument is parsed: the token in the environment and in the files named. */
    static void learnSecrets(Set<String> secrets, Map<String, String> env, String[] args) {
        add(secrets, env.get(TokenSource.TOKEN_ENV));
        String file = env.get(TokenSource.TOKEN_FILE_ENV);
        add(secrets, file == null || file.isBlank() ? null : TokenSource.peek(Path.of(file)));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--token-file") && i + 1 < args.length) {
                add(secrets, TokenSource.peek(Path.of(args[i + 1])));
            } else if (args[i].startsWith("--token-file=")) {
                add(secrets, TokenSource.peek(Path.of(args[i].substring("--token-file=".length()))));
            }
        }
    }

    private static void add(Set<String> secrets, String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret.strip());
        }
    }
}
