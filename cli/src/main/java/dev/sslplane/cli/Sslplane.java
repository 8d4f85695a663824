package dev.sslplane.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sslplane}: the operators' command line for sslplane, built on the {@code client} module. */
@Command(name = "sslplane", mixinStandardHelpOptions = true, versionProvider = Sslplane.Version.class,
        usageHelpAutoWidth = true,
        description = {"Switch SSL/TLS on and off for MongoDB replica sets, rotate their CA, download it, and follow "
                + "the rolling restarts.", "",
                "The API token is read from SSLPLANE_TOKEN, or from the file named by --token-file or "
                        + "SSLPLANE_TOKEN_FILE; never from an argument."},
        subcommands = {InstancesCommand.class, StatusCommand.class, EnableCommand.class, RotateCommand.class,
                RenewCommand.class, DisableCommand.class, CaCommand.class, HistoryCommand.class, AuditCommand.class,
                RetryCommand.class, MemberCommand.Add.class, MemberCommand.Remove.class,
                MemberCommand.Replace.class, UpdateCommand.class,
                // maintenance windows and scheduled operations
                WindowCommand.class, CancelCommand.class,
                // abort and rollback
                AbortCommand.class, RollbackCommand.class,
                // automatic renewal
                RenewalPolicyCommand.class,
                CommandLine.HelpCommand.class})
public final class Sslplane implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    final CliContext context;

    Sslplane(CliContext context) {
        this.context = context;
    }

    @Option(names = "--token", hidden = true, arity = "0..1", fallbackValue = "")
    void token(String ignored) {
        refuseTokenArgument(spec.commandLine());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (sslplane --help lists them)");
    }

    public static void main(String[] args) {
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command line; answers the exit code. Everything printed passes through the token mask. */
    static int run(String[] args, Map<String, String> env, PrintWriter rawOut, PrintWriter rawErr) {
        Set<String> secrets = RedactingWriter.newSecretSet();
        CliContext.learnSecrets(secrets, env, args);
        var out = new PrintWriter(new RedactingWriter(rawOut, secrets), true);
        var err = new PrintWriter(new RedactingWriter(rawErr, secrets), true);
        var context = new CliContext(env, out, err, secrets);
        try {
            for (String arg : args) {
                if (arg.contains("sslp_")) {
                    err.println("sslplane: an argument looks like an API token (sslp_…); it is not shown and not "
                            + "used. Put the token in SSLPLANE_TOKEN or a file (SSLPLANE_TOKEN_FILE, --token-file)"
                            + ": arguments are visible in the process list and kept in shell history.");
                    return ExitCode.USAGE.code;
                }
            }
            CommandLine cli = new CommandLine(new Sslplane(context))
                    .setOut(out).setErr(err)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setExecutionExceptionHandler(new Failures(context))
                    .setParameterExceptionHandler(Failures::usage);
            cli.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.table());
            cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage()
                    .footerHeading("%nExit codes:%n").footer(ExitCode.table()));
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static void refuseTokenArgument(CommandLine commandLine) {
        throw new CommandLine.ParameterException(commandLine, "--token is not accepted: a token given as an "
                + "argument is visible in the process list and kept in shell history. Set SSLPLANE_TOKEN, or put "
                + "the token in a file and pass --token-file FILE (or set SSLPLANE_TOKEN_FILE).");
    }

    static String version() {
        String version = Sslplane.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sslplane " + version()};
        }
    }

    /** For {@code new PrintStream} callers (tests): a writer on it. */
    static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
