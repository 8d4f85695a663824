package dev.sslplane.commandservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.IdRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Runs a command request at most once per {@code Idempotency-Key}: the same key with the same request replays
 * the stored answer (accepted or refused) without executing again; the same key with a different request is
 * refused with {@code IDEMPOTENCY_KEY_REUSED}. Validation errors and server errors (also a domain refusal with a
 * {@linkplain ErrorCode#isTransient() transient} code) are not stored.
 */
@Component
class IdempotentExecutor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;

    IdempotentExecutor(IdempotencyStore store, ObjectMapper objectMapper) {
        this.store = store;
        this.objectMapper = objectMapper;
    }

    static void requireValidKey(String key) {
        if (key != null && !IdRules.CLIENT_KEY.matcher(key).matches()) {
            throw InputRules.invalid(List.of(HEADER + " must match " + IdRules.CLIENT_KEY.pattern()));
        }
    }

    /**
     * @param key         the Idempotency-Key header, or {@code null}
     * @param requestDescription what identifies the request: method, path and canonical body
     */
    ResponseEntity<Object> execute(String key, String requestDescription, Supplier<ResponseEntity<Object>> action) {
        if (key == null) {
            return action.get();
        }
        requireValidKey(key);
        String hash = sha256(requestDescription);
        var previous = store.find(key);
        if (previous.isPresent()) {
            return replay(previous.get(), hash);
        }
        ResponseEntity<Object> answer;
        try {
            answer = action.get();
        } catch (DomainException e) {
            if (e.code() == ErrorCode.VALIDATION_FAILED || e.code().isTransient()) {
                throw e; // answered, not remembered: the same key runs the request again
            }
            answer = Problems.response(Problems.of(e));
        }
        var stored = store.remember(key, toStored(answer, hash));
        if (!stored.requestHash().equals(hash) || stored.status() != answer.getStatusCode().value()) {
            return replay(stored, hash); // another request with this key was answered first
        }
        return answer;
    }

    private ResponseEntity<Object> replay(IdempotencyStore.StoredAnswer stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request");
        }
        var response = ResponseEntity.status(stored.status()).header(REPLAYED_HEADER, "true");
        if (stored.location() != null) {
            response.location(URI.create(stored.location()));
        }
        return response.contentType(MediaType.parseMediaType(stored.contentType())).body(stored.body());
    }

    private IdempotencyStore.StoredAnswer toStored(ResponseEntity<Object> answer, String hash) {
        try {
            URI location = answer.getHeaders().getLocation();
            MediaType type = answer.getHeaders().getContentType();
            return new IdempotencyStore.StoredAnswer(hash, answer.getStatusCode().value(),
                    location == null ? null : location.toString(),
                    (type == null ? MediaType.APPLICATION_JSON : type).toString(),
                    objectMapper.writeValueAsString(answer.getBody()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the answer of an idempotent request", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
