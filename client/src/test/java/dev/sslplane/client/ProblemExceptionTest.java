package dev.sslplane.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** A rejected Kafka command becomes the exception a REST refusal with the same code would be. */
class ProblemExceptionTest {

    @Test
    void aCodeWithoutAnAnswerTakesTheStatusItStandsFor() {
        assertThat(ProblemException.ofCode("SSL_ALREADY_ENABLED", "already"))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(ErrorCode.SSL_ALREADY_ENABLED);
                    assertThat(e.problem().words()).isEqualTo("already");
                });
        assertThat(ProblemException.ofCode("INSTANCE_NOT_FOUND", "no")).isInstanceOf(NotFoundException.class);
        assertThat(ProblemException.ofCode("INSTANCE_NOT_ELIGIBLE", "3.6")).isInstanceOf(RefusedException.class)
                .extracting(ProblemException::status).isEqualTo(422);
        assertThat(ProblemException.ofCode("CA_KEY_UNAVAILABLE", "sealed")).isInstanceOf(ServiceException.class);
    }

    @Test
    void anUnknownRefusalIsStillARefusalWithItsCode() {
        ProblemException e = ProblemException.ofCode("A_LATER_CODE", "new");

        assertThat(e).isInstanceOf(RefusedException.class);
        assertThat(e.code()).isNull();
        assertThat(e.codeName()).isEqualTo("A_LATER_CODE");
        assertThat(e.is(ErrorCode.SSL_ALREADY_ENABLED)).isFalse();
    }
}
