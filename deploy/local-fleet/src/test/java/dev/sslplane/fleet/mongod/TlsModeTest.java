package dev.sslplane.fleet.mongod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsModeTest {

    @Test
    void onlyAllowToPreferAndPreferToRequireAreRuntimeChanges() {
        List<String> allowed = new ArrayList<>();
        for (TlsMode from : TlsMode.values()) {
            for (TlsMode to : TlsMode.values()) {
                if (from.canChangeAtRuntimeTo(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder("ALLOW->PREFER", "PREFER->REQUIRE");
    }

    @Test
    void incomingAndOutgoingFollowMongod() {
        assertThat(TlsMode.DISABLED.acceptsTls()).isFalse();
        assertThat(TlsMode.REQUIRE.acceptsPlain()).isFalse();
        assertThat(TlsMode.ALLOW.acceptsPlain() && TlsMode.ALLOW.acceptsTls()).isTrue();
        assertThat(TlsMode.PREFER.acceptsPlain() && TlsMode.PREFER.acceptsTls()).isTrue();
        assertThat(TlsMode.ALLOW.connectsWithTls()).isFalse();
        assertThat(TlsMode.PREFER.connectsWithTls()).isTrue();
    }

    @Test
    void wordsBelongToTheirFamily() {
        assertThat(TlsMode.PREFER.word("ssl")).isEqualTo("preferSSL");
        assertThat(TlsMode.PREFER.word("tls")).isEqualTo("preferTLS");
        assertThat(TlsMode.parse("requireTLS", "ssl")).isEmpty();
        assertThat(TlsMode.parse("disabled", "tls")).contains(TlsMode.DISABLED);
    }
}
