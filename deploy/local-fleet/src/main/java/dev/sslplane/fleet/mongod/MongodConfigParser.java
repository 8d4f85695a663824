package dev.sslplane.fleet.mongod;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a mongod.conf the way mongod of the node's engine does: 3.4 and 4.0 know only {@code net.ssl}; 4.2
 * knows {@code net.tls} and still takes {@code net.ssl} as a deprecated alias, but not both at once. A file
 * mongod would refuse raises {@link StartFailure} with mongod's reason. Files it names are not read here.
 */
public final class MongodConfigParser {

    /** Options real mongod accepts that the fleet does not model; accepting them keeps real files valid. */
    private static final Set<String> IGNORED = Set.of("CRLFile", "allowInvalidCertificates", "disabledProtocols",
            "FIPSMode", "clusterPassword");
    private static final Set<String> SSL_34 = Set.of("mode", "PEMKeyFile", "PEMKeyPassword", "CAFile",
            "clusterFile", "allowConnectionsWithoutCertificates", "allowInvalidHostnames", "sslOnNormalPorts");
    private static final Set<String> SSL_42 = Set.of("mode", "PEMKeyFile", "PEMKeyPassword", "CAFile",
            "clusterCAFile", "clusterFile", "allowConnectionsWithoutCertificates", "allowInvalidHostnames");
    private static final Set<String> TLS_42 = Set.of("mode", "certificateKeyFile", "certificateKeyFilePassword",
            "CAFile", "clusterCAFile", "clusterFile", "allowConnectionsWithoutCertificates",
            "allowInvalidHostnames");

    private MongodConfigParser() {
    }

    /**
     * @param nodeDir relative file names are resolved against it (mongod would use its working directory)
     * @param port    the node's port: a {@code net.port} that differs cannot be honoured by the fleet
     */
    public static MongodConfig parse(String text, Engine engine, int port, Path nodeDir) {
        Map<?, ?> root = load(text);
        Map<?, ?> net = section(root, "net", "net");
        if (net == null) {
            return MongodConfig.disabled();
        }
        Object configuredPort = net.get("port");
        if (configuredPort != null && !String.valueOf(configuredPort).equals(String.valueOf(port))) {
            throw new StartFailure("net.port is " + configuredPort + " but this node listens on " + port
                    + "; the fleet never moves a node to another port");
        }
        Map<?, ?> ssl = section(net, "ssl", "net.ssl");
        Map<?, ?> tls = section(net, "tls", "net.tls");
        if (tls != null && !engine.knowsTls()) {
            throw new StartFailure("Error parsing YAML config file: Unrecognized option: net.tls");
        }
        if (tls != null && ssl != null) {
            throw new StartFailure("Error parsing YAML config file: net.ssl and net.tls options cannot be used "
                    + "together; net.ssl is a deprecated alias of net.tls");
        }
        if (tls != null) {
            return options(tls, "tls", TLS_42, "certificateKeyFile", nodeDir);
        }
        if (ssl != null) {
            return options(ssl, "ssl", engine.knowsTls() ? SSL_42 : SSL_34, "PEMKeyFile", nodeDir);
        }
        return MongodConfig.disabled();
    }

    private static Map<?, ?> load(String text) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text == null ? "" : text);
        } catch (YAMLException e) {
            throw new StartFailure("Error parsing YAML config file: " + firstLine(e.getMessage()), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new StartFailure("Error parsing YAML config file: the document is not a map of options");
        }
        return map;
    }

    private static Map<?, ?> section(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new StartFailure("Error parsing YAML config file: " + path + " must be a section");
        }
        return map;
    }

    private static MongodConfig options(Map<?, ?> section, String family, Set<String> known, String keyFileOption,
                                        Path nodeDir) {
        String prefix = "net." + family + ".";
        for (Object key : section.keySet()) {
            if (!known.contains(String.valueOf(key)) && !IGNORED.contains(String.valueOf(key))) {
                throw new StartFailure("Error parsing YAML config file: Unrecognized option: " + prefix + key);
            }
        }
        Object modeValue = section.get("mode");
        TlsMode mode = modeValue == null ? TlsMode.DISABLED : TlsMode.parse(String.valueOf(modeValue), family)
                .orElseThrow(() -> new StartFailure("Unsupported value for " + family + "Mode " + modeValue));
        Path keyFile = path(section, keyFileOption, prefix, nodeDir);
        Path caFile = path(section, "CAFile", prefix, nodeDir);
        Path clusterCaFile = path(section, "clusterCAFile", prefix, nodeDir);
        Path clusterFile = path(section, "clusterFile", prefix, nodeDir);
        boolean allowInvalidHostnames = flag(section, "allowInvalidHostnames", prefix);
        flag(section, "allowConnectionsWithoutCertificates", prefix);
        if (mode == TlsMode.DISABLED) {
            return new MongodConfig(mode, family, null, null, null, null, false);
        }
        if (keyFile == null) {
            throw new StartFailure("tls".equals(family)
                    ? "need tlsCertificateKeyFile or certificateSelector when TLS is enabled"
                    : "need sslPEMKeyFile when SSL is enabled");
        }
        if (clusterCaFile != null && caFile == null) {
            throw new StartFailure("Specifying a " + family + "ClusterCAFile requires a " + family + "CAFile");
        }
        return new MongodConfig(mode, family, keyFile, caFile, clusterCaFile, clusterFile, allowInvalidHostnames);
    }

    private static Path path(Map<?, ?> section, String key, String prefix, Path nodeDir) {
        Object value = section.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new StartFailure("Error parsing YAML config file: " + prefix + key + " must be a file name");
        }
        return nodeDir.resolve(text).toAbsolutePath().normalize();
    }

    private static boolean flag(Map<?, ?> section, String key, String prefix) {
        Object value = section.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new StartFailure("Error parsing YAML config file: " + prefix + key + " must be true or false");
        }
        return b;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
