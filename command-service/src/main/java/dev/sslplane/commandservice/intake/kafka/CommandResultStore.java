package dev.sslplane.commandservice.intake.kafka;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The answer given to each command from {@code ssl.commands}, by command id, so that a redelivered command is
 * answered again instead of executed twice.
 */
@Component
public class CommandResultStore {

    static final String COLLECTION = "command_results";

    private final MongoCollection<Document> results;
    private final MessageCodec codec;

    public CommandResultStore(MongoDatabase database, MessageCodec codec) {
        this.results = database.getCollection(COLLECTION);
        this.codec = codec;
    }

    public Optional<CommandResult> find(String commandId) {
        Document stored = results.find(Filters.eq("_id", commandId)).first();
        if (stored == null) {
            return Optional.empty();
        }
        Decoded<CommandResult> decoded =
                codec.read(stored.getString("result").getBytes(StandardCharsets.UTF_8), CommandResult.class);
        return decoded instanceof Decoded.Ok<CommandResult> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /**
     * Stores the first answer for a command id and returns whichever answer is stored (first one wins). A refusal
     * with a {@linkplain ErrorCode#isTransient() transient} code is returned without being stored: the command is
     * run again when it comes again.
     */
    public CommandResult remember(CommandResult result) {
        if (result.outcome() == CommandResult.Outcome.REJECTED && ErrorCode.valueOf(result.code()).isTransient()) {
            return result;
        }
        try {
            results.insertOne(new Document("_id", result.commandId())
                    .append("result", new String(codec.encode(result), StandardCharsets.UTF_8))
                    .append("storedAt", new Date()));
            return result;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(result.commandId()).orElse(result);
            }
            throw e;
        }
    }
}
