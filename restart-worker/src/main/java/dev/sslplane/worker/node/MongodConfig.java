package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.procedure.CertificateChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Renders a mongod config file (YAML) with a node's TLS settings in its engine's dialect: {@code net.ssl.mode},
 * {@code PEMKeyFile}, {@code CAFile} for 3.4 and 4.0; {@code net.tls.mode}, {@code certificateKeyFile},
 * {@code CAFile} for 4.2. Everything else in the node's current file (storage, replication, net.port, other
 * TLS options such as {@code clusterFile}) is kept: the worker owns only the mode and the two files it manages.
 * The file's text is kept too, comments included ({@link ConfigSplice}), wherever it is plain block YAML.
 * Both sections in one file are an error for mongod 4.2, so the other dialect's section is always removed.
 */
public final class MongodConfig {

    /** Where the node keeps the files the config names (absolute paths on the node). */
    public record Files(String certificateKeyFile, String caFile) {
    }

    private static final String HEADER = "# mongod configuration; net.ssl / net.tls written by sslplane restart-worker\n";

    private MongodConfig() {
    }

    /**
     * The node's config file with {@code config} applied.
     *
     * @param current the file as it is now (blank for none)
     * @param files   the paths to name for a NEW certificate or a replaced CA file; KEEP keeps whatever path the
     *                current file names (a KEEP with none named names none: mongod decides whether that starts)
     * @throws IllegalArgumentException if {@code current} is not a YAML mapping
     */
    public static String render(String current, NodeTlsConfig config, Files files) {
        Map<String, Object> root = load(current);
        Map<String, Object> net = mapping(root.computeIfAbsent("net", k -> new LinkedHashMap<String, Object>()),
                "net");
        Map<String, Object> ssl = mapping(net.remove("ssl"), "net.ssl");
        Map<String, Object> tls = mapping(net.remove("tls"), "net.tls");
        EngineVersion engine = config.engine();

        var section = new LinkedHashMap<String, Object>();
        section.put("mode", config.mode().configValue(engine));
        Object keyFile = switch (config.certificate().change()) {
            case NEW -> files.certificateKeyFile();
            case KEEP -> tls.getOrDefault("certificateKeyFile", ssl.get("PEMKeyFile"));
            case NONE -> null;
        };
        if (keyFile != null) {
            section.put(engine.tlsDialect() ? "certificateKeyFile" : "PEMKeyFile", keyFile);
        }
        Object caFile = switch (config.caFile().kind()) {
            case REPLACE -> files.caFile();
            case KEEP -> tls.getOrDefault("CAFile", ssl.get("CAFile"));
            case NONE -> null;
        };
        if (caFile != null) {
            section.put("CAFile", caFile);
        }
        carryOver(ssl, section, engine);
        carryOver(tls, section, engine);
        if (config.certificate().change() == CertificateChange.NONE) {
            // without a certificate there is nothing for the cluster to present either
            section.remove("clusterFile");
        }
        String key = engine.tlsDialect() ? "tls" : "ssl";
        net.put(key, section);
        // the file as the administrator wrote it, unless splicing would not give exactly this document
        return ConfigSplice.replace(current, key, section).filter(text -> load(text).equals(root))
                .orElseGet(() -> HEADER + yaml().dump(root));
    }

    /** The CA file {@code current} names in either dialect, if any. */
    public static Optional<String> caFile(String current) {
        Map<String, Object> net = mapping(load(current).get("net"), "net");
        Object path = mapping(net.get("tls"), "net.tls").getOrDefault("CAFile",
                mapping(net.get("ssl"), "net.ssl").get("CAFile"));
        return Optional.ofNullable(path).map(String::valueOf);
    }

    /** The options the worker does not manage, under the target dialect's names. */
    private static void carryOver(Map<String, Object> from, Map<String, Object> to, EngineVersion engine) {
        from.forEach((key, value) -> {
            switch (key) {
                case "mode", "PEMKeyFile", "certificateKeyFile", "CAFile" -> { }
                case "PEMKeyPassword", "certificateKeyFilePassword" ->
                        to.putIfAbsent(engine.tlsDialect() ? "certificateKeyFilePassword" : "PEMKeyPassword", value);
                default -> to.putIfAbsent(key, value);
            }
        });
    }

    private static Map<String, Object> load(String current) {
        if (current == null || current.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(current);
            return document == null ? new LinkedHashMap<>() : mapping(document, "the config file");
        } catch (YAMLException e) {
            throw new IllegalArgumentException("the node's config file is not YAML: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value, String what) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static Yaml yaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setPrettyFlow(true);
        return new Yaml(new Representer(options), options);
    }
}
