package dev.sslplane.commandservice.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.MessageCodec;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which answers to {@code ssl.commands} are kept for a command that comes again, on a real MongoDB driver. */
class CommandResultStoreTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final CommandResultStore store =
            new CommandResultStore(mongo.client().getDatabase("sslplane"), new MessageCodec());

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aDecisionIsKeptAndTheFirstOneWins() {
        var refused = rejected("cmd-1", ErrorCode.SSL_ALREADY_ENABLED);

        assertThat(store.remember(refused)).isEqualTo(refused);
        assertThat(store.remember(accepted("cmd-1"))).as("a later answer to the same command").isEqualTo(refused);
        assertThat(store.find("cmd-1")).contains(refused);
    }

    @Test
    void aRefusalBecauseTheServiceCouldNotActNowIsNotKept() {
        var unavailable = rejected("cmd-2", ErrorCode.CA_KEY_UNAVAILABLE);

        assertThat(store.remember(unavailable)).isEqualTo(unavailable);
        assertThat(store.find("cmd-2")).as("the command runs again when it comes again").isEmpty();
        var accepted = accepted("cmd-2");
        assertThat(store.remember(accepted)).isEqualTo(accepted);
        assertThat(store.find("cmd-2")).contains(accepted);
    }

    private static CommandResult rejected(String commandId, ErrorCode code) {
        return new CommandResult(commandId, "inst-1", CommandTypes.ENABLE_SSL, CommandResult.Outcome.REJECTED, null,
                code.name(), "refused", Instant.parse("2026-12-07T12:00:00Z"));
    }

    private static CommandResult accepted(String commandId) {
        return new CommandResult(commandId, "inst-1", CommandTypes.ENABLE_SSL, CommandResult.Outcome.ACCEPTED,
                "op-1", null, null, Instant.parse("2026-12-07T12:00:01Z"));
    }
}
