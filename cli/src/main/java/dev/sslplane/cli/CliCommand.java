package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the global options, the client, the output; errors go to the root's handler. */
abstract class CliCommand implements Callable<Integer> {

    @ParentCommand
    Sslplane root;

    @Mixin
    GlobalOptions own;

    /** Refused with words that do not repeat the value (see {@link Sslplane#refuseTokenArgument}). */
    @Option(names = "--token", hidden = true, arity = "0..1", fallbackValue = "")
    void token(String ignored) {
        Sslplane.refuseTokenArgument(root.spec.commandLine());
    }

    private GlobalOptions options;

    GlobalOptions options() {
        if (options == null) {
            options = own.or(root.globals);
        }
        return options;
    }

    SslplaneClient client() {
        return root.context.client(options());
    }

    Output output() {
        return root.context.output(options());
    }

    @Override
    public final Integer call() throws Exception {
        return run().code;
    }

    abstract ExitCode run() throws Exception;
}
