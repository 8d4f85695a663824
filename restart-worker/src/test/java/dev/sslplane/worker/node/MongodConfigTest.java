package dev.sslplane.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.TlsMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The config file each engine's mongod reads, with the rest of the node's file kept. */
class MongodConfigTest {

    private static final MongodConfig.Files FILES = new MongodConfig.Files("/n/server.pem", "/n/ca.pem");
    private static final String PLAIN = """
            net:
              port: 27017
              bindIp: 127.0.0.1
            replication:
              replSetName: rs0
            storage:
              dbPath: /data/db
            """;

    @Test
    void mongod34And40ReadNetSsl() {
        for (EngineVersion engine : List.of(EngineVersion.V3_4, EngineVersion.V4_0)) {
            String text = MongodConfig.render(PLAIN, new NodeTlsConfig(engine, TlsMode.ALLOW,
                    NodeTlsConfig.Certificate.replaceWith("CHAIN"), NodeTlsConfig.CaFile.replaceWith(List.of("CA"))),
                    FILES);
            Map<String, Object> net = section(text, "net");
            assertThat(net).doesNotContainKey("tls").containsEntry("port", 27017).containsEntry("bindIp", "127.0.0.1");
            assertThat(section(net, "ssl")).containsExactly(Map.entry("mode", "allowSSL"),
                    Map.entry("PEMKeyFile", "/n/server.pem"), Map.entry("CAFile", "/n/ca.pem"));
            assertThat(section(text, "replication")).containsEntry("replSetName", "rs0");
            assertThat(section(text, "storage")).containsEntry("dbPath", "/data/db");
        }
    }

    @Test
    void mongod42ReadsNetTlsAndNeverBothSections() {
        String old = PLAIN.replace("  bindIp: 127.0.0.1\n", "  bindIp: 127.0.0.1\n  ssl:\n    mode: preferSSL\n"
                + "    PEMKeyFile: /old/server.pem\n    CAFile: /old/ca.pem\n    allowConnectionsWithoutCertificates: true\n");
        String text = MongodConfig.render(old, new NodeTlsConfig(EngineVersion.V4_2, TlsMode.REQUIRE,
                NodeTlsConfig.Certificate.keep(), NodeTlsConfig.CaFile.replaceWith(List.of("CA"))), FILES);
        Map<String, Object> net = section(text, "net");
        assertThat(net).doesNotContainKey("ssl");
        assertThat(section(net, "tls")).containsExactly(Map.entry("mode", "requireTLS"),
                Map.entry("certificateKeyFile", "/old/server.pem"), Map.entry("CAFile", "/n/ca.pem"),
                Map.entry("allowConnectionsWithoutCertificates", true));
    }

    @Test
    void aRuntimePassChangesOnlyTheModeAndDisablingNamesNoFiles() {
        String enabled = MongodConfig.render(PLAIN, new NodeTlsConfig(EngineVersion.V4_0, TlsMode.ALLOW,
                NodeTlsConfig.Certificate.replaceWith("CHAIN"), NodeTlsConfig.CaFile.replaceWith(List.of("CA"))),
                FILES);
        String preferred = MongodConfig.render(enabled, NodeTlsConfig.modeOnly(EngineVersion.V4_0, TlsMode.PREFER),
                new MongodConfig.Files("/elsewhere/a.pem", "/elsewhere/b.pem"));
        assertThat(section(section(preferred, "net"), "ssl")).containsExactly(Map.entry("mode", "preferSSL"),
                Map.entry("PEMKeyFile", "/n/server.pem"), Map.entry("CAFile", "/n/ca.pem"));

        String disabled = MongodConfig.render(preferred, new NodeTlsConfig(EngineVersion.V4_0, TlsMode.DISABLED,
                NodeTlsConfig.Certificate.none(), NodeTlsConfig.CaFile.none()), FILES);
        assertThat(section(section(disabled, "net"), "ssl")).containsExactly(Map.entry("mode", "disabled"));
        assertThat(section(disabled, "net")).containsEntry("port", 27017);
    }

    @Test
    void anEmptyFileGetsANetSectionAndAFileThatIsNotYamlIsRefused() {
        String text = MongodConfig.render("", NodeTlsConfig.modeOnly(EngineVersion.V4_2, TlsMode.DISABLED), FILES);
        assertThat(section(section(text, "net"), "tls")).containsExactly(Map.entry("mode", "disabled"));
        assertThat(text).isEqualTo("net:\n  tls:\n    mode: disabled\n");
        assertThatThrownBy(() -> MongodConfig.render("net: [unclosed", NodeTlsConfig.modeOnly(EngineVersion.V4_2,
                TlsMode.ALLOW), FILES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not YAML");
        assertThatThrownBy(() -> MongodConfig.render("- a\n- b\n", NodeTlsConfig.modeOnly(EngineVersion.V4_2,
                TlsMode.ALLOW), FILES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapping");
    }

    @Test
    void theFileKeepsItsCommentsOrderAndLayoutAndOnlyTheTlsSectionChanges() {
        String admin = """
                # mongod.conf, managed by the DBA team
                storage:
                    dbPath: /var/lib/mongo   # on the data disk
                    journal:
                        enabled: true
                net:
                    port: 27017
                    # old TLS settings, 3.6 style
                    ssl:
                        mode: requireSSL   # everyone
                        PEMKeyFile: /etc/ssl/old.pem
                        allowConnectionsWithoutCertificates: true

                    bindIp: 0.0.0.0
                replication:
                    replSetName: "rs0"
                """;
        String text = MongodConfig.render(admin, new NodeTlsConfig(EngineVersion.V4_2, TlsMode.PREFER,
                NodeTlsConfig.Certificate.replaceWith("chain"), NodeTlsConfig.CaFile.replaceWith(List.of("ca"))),
                FILES);
        assertThat(text).isEqualTo("""
                # mongod.conf, managed by the DBA team
                storage:
                    dbPath: /var/lib/mongo   # on the data disk
                    journal:
                        enabled: true
                net:
                    port: 27017
                    # old TLS settings, 3.6 style
                    tls:
                        mode: preferTLS
                        certificateKeyFile: /n/server.pem
                        CAFile: /n/ca.pem
                        allowConnectionsWithoutCertificates: true

                    bindIp: 0.0.0.0
                replication:
                    replSetName: "rs0"
                """);
    }

    @Test
    void aFileInFlowStyleIsWrittenAnewWithTheSameSettings() {
        String flow = "net: {port: 27017, ssl: {mode: allowSSL}}\nstorage: {dbPath: /data}\n";
        String text = MongodConfig.render(flow, NodeTlsConfig.modeOnly(EngineVersion.V4_0, TlsMode.PREFER), FILES);
        assertThat(text).startsWith("# mongod configuration");
        assertThat(section(section(text, "net"), "ssl")).containsExactly(Map.entry("mode", "preferSSL"));
        assertThat(section(text, "storage")).containsEntry("dbPath", "/data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String yaml, String key) {
        return (Map<String, Object>) ((Map<String, Object>) new Yaml().load(yaml)).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
