package dev.sslplane.cli;

import dev.sslplane.client.Problem;
import dev.sslplane.client.ProblemException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns what went wrong into an exit code and plain words: a problem document becomes "refused: cannot enable SSL:
 * … (SSL_ALREADY_ENABLED)", with its violations listed; with {@code --output json} the same as one JSON document on
 * standard output, so a script reads one stream either way.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    private final CliContext context;

    Failures(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        ExitCode exit = ExitCode.of(error);
        boolean json = commandLine.getCommand() instanceof CliCommand command && command.options().output
                == Output.Format.json;
        if (json) {
            new Output(context.out, Output.Format.json).printJson(Map.of("error", document(error, exit)));
        } else {
            PrintWriter err = context.err;
            err.println("sslplane: " + exit.label + ": " + words(error));
            if (error instanceof ProblemException problem) {
                violations(problem.problem()).forEach(v -> err.println("  - " + v));
            }
            if (exit == ExitCode.FAILED && !(error instanceof ProblemException)) {
                err.println("  (" + error.getClass().getName() + ")");
            }
            err.flush();
        }
        return exit.code;
    }

    /** A problem in one sentence: its detail and, in brackets, its stable code. */
    static String words(Throwable error) {
        if (error instanceof ProblemException problem) {
            Problem p = problem.problem();
            return p.words() + " (" + p.code() + (p.status() > 0 ? ", HTTP " + p.status() : "") + ")";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    static Map<String, Object> document(Throwable error, ExitCode exit) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("exitCode", exit.code);
        document.put("kind", exit.label);
        if (error instanceof ProblemException problem) {
            Problem p = problem.problem();
            document.put("code", p.code());
            document.put("status", p.status());
            document.put("message", p.words());
            if (!p.properties().isEmpty()) {
                document.put("details", p.properties());
            }
        } else {
            document.put("message", words(error));
        }
        return document;
    }

    private static List<String> violations(Problem problem) {
        Object violations = problem.properties().get("violations");
        if (violations instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** Invalid arguments: picocli's explanation (it names options, not secrets: see the token guard), exit 2. */
    static int usage(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("sslplane: " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.USAGE.code;
    }
}
