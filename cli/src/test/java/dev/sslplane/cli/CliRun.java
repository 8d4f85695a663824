package dev.sslplane.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run of the CLI in this JVM: exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Sslplane.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The arguments with both service URLs pointing at {@code server}. */
    static String[] against(ScriptedServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--command-url=" + server.url());
        all.add("--query-url=" + server.url());
        return all.toArray(String[]::new);
    }

    String all() {
        return out + err;
    }
}
