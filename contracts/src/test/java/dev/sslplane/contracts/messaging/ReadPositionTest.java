package dev.sslplane.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadPositionTest {

    @Test
    void absentIsNoPositionAndDecimalsUpToTheMaximumAreRead() {
        assertThat(ReadPosition.parse(null)).isEmpty();
        assertThat(ReadPosition.parse("0")).isEqualTo(OptionalLong.of(0));
        assertThat(ReadPosition.parse("0042")).isEqualTo(OptionalLong.of(42));
        assertThat(ReadPosition.parse("9007199254740991")).isEqualTo(OptionalLong.of(ReadPosition.MAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "-1", "+1", "1.0", "1e3", "0x10", "abc", "9007199254740992",
            "99999999999999999", "99999999999999999999999999", "١"})
    void anythingElseIsRefusedWithTheRule(String text) {
        assertThatThrownBy(() -> ReadPosition.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("position must be a decimal from 0 to 9007199254740991");
    }

    @Test
    void itIsAppendedAsTheQueryParameter() {
        assertThat(ReadPosition.appendTo("http://q/api/v1/instances/rs-1/ssl", 0))
                .isEqualTo("http://q/api/v1/instances/rs-1/ssl?position=0");
        assertThatThrownBy(() -> ReadPosition.appendTo("http://q", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
