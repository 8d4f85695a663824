package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The root README's configuration table is the one list of environment variables, so it must not drift from what
 * the services read: every {@code ${VARIABLE:default}} placeholder of a service's {@code application*.yml} has a
 * row for that service with the same default, and every row names a variable the service reads, either as such a
 * placeholder or through relaxed binding of one of its {@code @ConfigurationProperties} (taken from the
 * {@code META-INF/spring-configuration-metadata.json} that {@code spring-boot-configuration-processor} writes into
 * each module's {@code target/classes}; the service jars are not on this module's classpath). The local stack's
 * rows must name variables its launcher reads.
 */
class ConfigurationTableTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String LOCAL_STACK = "local stack";

    /** A service, the module whose {@code application*.yml} it runs with, and the modules of its properties. */
    private record Service(String name, String module, List<String> propertyModules) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("command-service", "command-service", List.of("command-service", "security-support")),
            new Service("query-service", "query-service", List.of("query-service", "security-support")),
            new Service("restart-worker", "restart-worker", List.of("restart-worker", "security-support")),
            new Service("local-fleet", "deploy/local-fleet", List.of("deploy/local-fleet")));

    /** The launcher's sources that read the local stack's variables. */
    private static final List<String> LOCAL_STACK_SOURCES = List.of(
            "deploy/local-stack/src/main/java/dev/sslplane/localstack/StackSettings.java", "deploy/run-local.sh");

    private record Row(int line, String service, String variable, String defaultCell) {
    }

    /** A placeholder: where it is and its default as written ({@code ""} for none). */
    private record Placeholder(String file, String profile, String defaultValue) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void readTable() throws IOException {
        rows = parseTable(Files.readAllLines(ROOT.resolve("README.md")));
    }

    @Test
    void tableHasRowsForEveryServiceAndNoDuplicates() {
        assertThat(rows).as("rows of the README's configuration table").hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        Set<String> known = new TreeSet<>(SERVICES.stream().map(Service::name).toList());
        known.add(LOCAL_STACK);
        for (Row row : rows) {
            if (!known.contains(row.service())) {
                problems.add("README line " + row.line() + ": " + row.variable() + " is listed for unknown service '"
                        + row.service() + "' (known: " + known + ")");
            }
            if (!seen.add(row.service() + " " + row.variable())) {
                problems.add("README line " + row.line() + ": " + row.variable() + " is listed twice for "
                        + row.service());
            }
        }
        assertThat(problems).as("configuration table").isEmpty();
    }

    @Test
    void everyPlaceholderIsInTheTableWithItsDefault() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            Map<String, List<Placeholder>> placeholders = placeholders(service);
            assertThat(placeholders).as("placeholders of " + service.name()).isNotEmpty();
            Map<String, Row> table = rowsOf(service.name());
            placeholders.forEach((variable, found) -> {
                Row row = table.get(variable);
                if (row == null) {
                    problems.add(variable + " (" + service.name() + ", " + found.get(0).file()
                            + ") is missing from the README's configuration table");
                    return;
                }
                Placeholder main = found.stream().filter(p -> p.profile() == null).findFirst().orElse(found.get(0));
                String tableDefault = normalizedDefault(row.defaultCell());
                if (!tableDefault.equals(main.defaultValue())) {
                    problems.add(variable + " (" + service.name() + "): the README's default '" + row.defaultCell()
                            + "' (line " + row.line() + ") differs from " + main.file() + "'s '"
                            + display(main.defaultValue()) + "'");
                }
                for (Placeholder other : found) {
                    if (other == main || other.defaultValue().equals(main.defaultValue())) {
                        continue;
                    }
                    if (other.profile() == null) {
                        problems.add(variable + " (" + service.name() + "): " + other.file() + " gives it two defaults, '"
                                + display(main.defaultValue()) + "' and '" + display(other.defaultValue()) + "'");
                    } else if (!row.defaultCell().contains("`" + other.defaultValue() + "` in the `" + other.profile()
                            + "` profile")) {
                        problems.add(variable + " (" + service.name() + "): the README's default '" + row.defaultCell()
                                + "' (line " + row.line() + ") should say \"`" + other.defaultValue() + "` in the `"
                                + other.profile() + "` profile\" (" + other.file() + ")");
                    }
                }
            });
        }
        assertThat(problems).as("placeholders against the README's configuration table").isEmpty();
    }

    @Test
    void everyRowNamesAVariableTheServiceReads() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            Set<String> placeholders = placeholders(service).keySet();
            Set<String> relaxed = relaxedBindingNames(service);
            for (Row row : rowsOf(service.name()).values()) {
                if (!placeholders.contains(row.variable()) && !relaxed.contains(row.variable())) {
                    problems.add("README line " + row.line() + ": " + row.variable() + " is listed for "
                            + service.name() + " but is neither a ${" + row.variable() + ":…} placeholder in its "
                            + "application*.yml nor the relaxed-binding name of one of its configuration properties");
                }
            }
        }
        String launcher = LOCAL_STACK_SOURCES.stream().map(ConfigurationTableTest::read)
                .reduce("", String::concat);
        Pattern portDefault = Pattern.compile("port\\(env, \"([A-Z0-9_]+)\", (\\d+)\\)");
        Map<String, String> portDefaults = new LinkedHashMap<>();
        for (Matcher m = portDefault.matcher(launcher); m.find(); ) {
            portDefaults.put(m.group(1), m.group(2));
        }
        for (Row row : rowsOf(LOCAL_STACK).values()) {
            if (!Pattern.compile("\\b" + row.variable() + "\\b").matcher(launcher).find()) {
                problems.add("README line " + row.line() + ": " + row.variable() + " is listed for the local stack but "
                        + "its launcher (" + LOCAL_STACK_SOURCES + ") does not read it");
            }
            String port = portDefaults.get(row.variable());
            if (port != null && !port.equals(normalizedDefault(row.defaultCell()))) {
                problems.add(row.variable() + " (local stack): the README's default '" + row.defaultCell()
                        + "' (line " + row.line() + ") differs from StackSettings' " + port);
            }
        }
        assertThat(problems).as("rows of the README's configuration table").isEmpty();
    }

    /**
     * One naming rule: a service's own property is set by its name in upper case ({@code sslplane.worker.jobs.lease}
     * by {@code SSLPLANE_WORKER_JOBS_LEASE}), and every other variable of ours starts with {@code SSLPLANE_}; only the
     * shared infrastructure names ({@code SERVER_PORT}, {@code MONGODB_*}, {@code KAFKA_*}, {@code MANAGEMENT_*})
     * are exempt.
     */
    @Test
    void everyVariableFollowsTheNamingRule() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            Path yml = ROOT.resolve(service.module()).resolve("src/main/resources/application.yml");
            flatten("", new Yaml().load(Files.readString(yml)), (property, value) -> {
                Matcher placeholder = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):").matcher(value);
                if (!placeholder.find()) {
                    return;
                }
                String variable = placeholder.group(1);
                String relaxed = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                if (variable.matches("SERVER_PORT|(MONGODB|KAFKA|MANAGEMENT)_[A-Z0-9_]+")) {
                    return;
                }
                if (!variable.startsWith("SSLPLANE_")) {
                    problems.add(service.name() + ": " + property + " is read from " + variable
                            + ", which does not start with SSLPLANE_");
                } else if (property.startsWith("sslplane.") && !variable.equals(relaxed)) {
                    problems.add(service.name() + ": " + property + " is read from " + variable + ", not " + relaxed);
                }
            });
        }
        assertThat(problems).as("variable names").isEmpty();
    }

    private static void flatten(String prefix, Object node, BiConsumer<String, String> visit) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, visit));
        } else if (node != null) {
            visit.accept(prefix, node.toString());
        }
    }

    // --- the README table ---

    static List<Row> parseTable(List<String> lines) {
        int heading = lines.indexOf("## Configuration");
        assertThat(heading).as("'## Configuration' heading in README.md").isNotNegative();
        int start = heading + 1;
        while (start < lines.size() && !lines.get(start).startsWith("|")) {
            assertThat(lines.get(start)).as("no other heading before the configuration table").doesNotStartWith("#");
            start++;
        }
        assertThat(start).as("configuration table after the heading").isLessThan(lines.size());
        assertThat(cells(lines.get(start))).as("header of the configuration table")
                .containsExactly("service", "variable", "default", "meaning");
        List<Row> found = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            assertThat(cells).as("README line " + (i + 1) + ": four cells").hasSize(4);
            Matcher variable = Pattern.compile("`([A-Z][A-Z0-9_]*)`").matcher(cells.get(1));
            assertThat(variable.matches()).as("README line " + (i + 1) + ": one `VARIABLE` per row, not '"
                    + cells.get(1) + "'").isTrue();
            for (String service : cells.get(0).split(",")) {
                found.add(new Row(i + 1, service.trim(), variable.group(1), cells.get(2)));
            }
        }
        return found;
    }

    /** Cells of a table line; {@code \|} is a pipe inside a cell. */
    private static List<String> cells(String line) {
        String inner = line.trim();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.replace("\\|", "|").trim());
        }
        return cells;
    }

    /** The default as the yml writes it: before any " (…)" remark, without backticks, {@code —} for none. */
    static String normalizedDefault(String cell) {
        int remark = cell.indexOf(" (");
        String value = (remark < 0 ? cell : cell.substring(0, remark)).replace("`", "").trim();
        return value.equals("—") || value.equals("-") ? "" : value;
    }

    private static String display(String defaultValue) {
        return defaultValue.isEmpty() ? "—" : defaultValue;
    }

    private static Map<String, Row> rowsOf(String service) {
        Map<String, Row> byVariable = new LinkedHashMap<>();
        rows.stream().filter(r -> r.service().equals(service)).forEach(r -> byVariable.putIfAbsent(r.variable(), r));
        return byVariable;
    }

    // --- the services ---

    /** Every {@code ${NAME:default}} of the service's application.yml and application-PROFILE.yml, comments skipped. */
    private static Map<String, List<Placeholder>> placeholders(Service service) throws IOException {
        Path resources = ROOT.resolve(service.module()).resolve("src/main/resources");
        List<Path> files;
        try (Stream<Path> list = Files.list(resources)) {
            files = list.filter(p -> p.getFileName().toString().matches("application(-[\\w-]+)?\\.ya?ml"))
                    .sorted().toList();
        }
        assertThat(files).as("application*.yml of " + service.name()).isNotEmpty();
        Map<String, List<Placeholder>> found = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String profile = name.startsWith("application-") ? name.substring(12, name.lastIndexOf('.')) : null;
            String relative = ROOT.relativize(file).toString();
            for (String line : Files.readAllLines(file)) {
                if (line.trim().startsWith("#")) {
                    continue;
                }
                for (int at = line.indexOf("${"); at >= 0; at = line.indexOf("${", at + 2)) {
                    int end = closingBrace(line, at + 2);
                    String body = line.substring(at + 2, end);
                    int colon = body.indexOf(':');
                    String variable = colon < 0 ? body : body.substring(0, colon);
                    if (variable.matches("[A-Z][A-Z0-9_]*")) {
                        found.computeIfAbsent(variable, v -> new ArrayList<>())
                                .add(new Placeholder(relative, profile, colon < 0 ? "" : body.substring(colon + 1)));
                    }
                    at = end - 1;
                }
            }
        }
        return found;
    }

    private static int closingBrace(String line, int from) {
        int depth = 1;
        for (int i = from; i < line.length(); i++) {
            if (line.startsWith("${", i)) {
                depth++;
                i++;
            } else if (line.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unclosed ${ in: " + line);
    }

    /**
     * The environment variables that bind to the service's configuration properties: dots and dashes become
     * underscores (or dashes are dropped), upper case, as Spring's relaxed binding reads them.
     */
    private static Set<String> relaxedBindingNames(Service service) throws IOException {
        Set<String> names = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String module : service.propertyModules()) {
            Path metadata = ROOT.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
            assertThat(metadata).as("configuration metadata of " + module + " (written by "
                    + "spring-boot-configuration-processor when it compiles: build with -am, e.g. ./mvnw -o test "
                    + "-pl deploy/local-stack -am -Dtest=ConfigurationTableTest "
                    + "-Dsurefire.failIfNoSpecifiedTests=false)").exists();
            for (JsonNode property : json.readTree(metadata.toFile()).path("properties")) {
                String name = property.path("name").asText();
                String upper = name.toUpperCase(Locale.ROOT).replace('.', '_');
                names.add(upper.replace('-', '_'));
                names.add(upper.replace("-", ""));
            }
        }
        return names;
    }

    private static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + relative, e);
        }
    }
}
