package dev.sslplane.fleet.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MongodConfigParserTest {

    private static final Path DIR = Path.of("/srv/node");

    private static MongodConfig parse(String yaml, Engine engine) {
        return MongodConfigParser.parse(yaml, engine, 27017, DIR);
    }

    @Test
    void aFileWithoutTlsSectionIsDisabled() {
        assertThat(parse("net:\n  port: 27017\nreplication:\n  replSetName: rs0\n", Engine.V3_4).mode())
                .isEqualTo(TlsMode.DISABLED);
        assertThat(parse("", Engine.V4_2).mode()).isEqualTo(TlsMode.DISABLED);
    }

    @Test
    void oldEnginesReadNetSsl() {
        MongodConfig config = parse("net:\n  ssl:\n    mode: preferSSL\n    PEMKeyFile: server.pem\n"
                + "    CAFile: /etc/ca.pem\n    allowConnectionsWithoutCertificates: true\n", Engine.V4_0);
        assertThat(config.mode()).isEqualTo(TlsMode.PREFER);
        assertThat(config.certificateKeyFile()).isEqualTo(Path.of("/srv/node/server.pem"));
        assertThat(config.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(config.optionFamily()).isEqualTo("ssl");
    }

    @Test
    void fourTwoReadsNetTlsAndTheDeprecatedNetSsl() {
        MongodConfig tls = parse("net:\n  tls:\n    mode: requireTLS\n    certificateKeyFile: /k.pem\n"
                + "    CAFile: /ca.pem\n    clusterCAFile: /cluster-ca.pem\n", Engine.V4_2);
        assertThat(tls.mode()).isEqualTo(TlsMode.REQUIRE);
        assertThat(tls.clusterCaFile()).isEqualTo(Path.of("/cluster-ca.pem"));
        MongodConfig ssl = parse("net:\n  ssl:\n    mode: allowSSL\n    PEMKeyFile: /k.pem\n", Engine.V4_2);
        assertThat(ssl.mode()).isEqualTo(TlsMode.ALLOW);
    }

    @Test
    void oldEnginesDoNotKnowNetTls() {
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: disabled\n", Engine.V3_4))
                .isInstanceOf(StartFailure.class).hasMessageContaining("Unrecognized option: net.tls");
        assertThatThrownBy(() -> parse("net:\n  ssl:\n    clusterCAFile: /x.pem\n", Engine.V4_0))
                .isInstanceOf(StartFailure.class).hasMessageContaining("Unrecognized option: net.ssl.clusterCAFile");
    }

    @Test
    void bothSectionsAtOnceAreRefused() {
        assertThatThrownBy(() -> parse("net:\n  ssl:\n    mode: disabled\n  tls:\n    mode: disabled\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("cannot be used together");
    }

    @Test
    void modeWordsBelongToTheirSection() {
        assertThatThrownBy(() -> parse("net:\n  ssl:\n    mode: preferTLS\n    PEMKeyFile: /k\n", Engine.V4_0))
                .isInstanceOf(StartFailure.class).hasMessageContaining("Unsupported value for sslMode preferTLS");
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: preferSSL\n    certificateKeyFile: /k\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("Unsupported value for tlsMode preferSSL");
    }

    @Test
    void tlsNeedsAKeyFileAndClusterCaNeedsACaFile() {
        assertThatThrownBy(() -> parse("net:\n  ssl:\n    mode: allowSSL\n", Engine.V3_4))
                .isInstanceOf(StartFailure.class).hasMessageContaining("need sslPEMKeyFile");
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: allowTLS\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("need tlsCertificateKeyFile");
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: allowTLS\n    certificateKeyFile: /k\n"
                + "    clusterCAFile: /c\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("requires a tlsCAFile");
    }

    @Test
    void unparseableYamlAndForeignPortsAreRefused() {
        assertThatThrownBy(() -> parse("net: [unclosed\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageStartingWith("Error parsing YAML config file");
        assertThatThrownBy(() -> parse("just a string", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageStartingWith("Error parsing YAML config file");
        assertThatThrownBy(() -> parse("net:\n  port: 27018\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("27018");
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: allowTLS\n    certificateKeyFile: /k\n"
                + "    allowInvalidHostnames: sometimes\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("must be true or false");
    }

    @Test
    void unknownOptionsInTheSectionAreRefused() {
        assertThatThrownBy(() -> parse("net:\n  tls:\n    mode: allowTLS\n    certificateKeyFile: /k\n"
                + "    PEMKeyFile: /k\n", Engine.V4_2))
                .isInstanceOf(StartFailure.class).hasMessageContaining("Unrecognized option: net.tls.PEMKeyFile");
    }
}
