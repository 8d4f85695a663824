package dev.sslplane.commandservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemsTest {

    @ParameterizedTest
    @CsvSource({
        "OPERATION_IN_PROGRESS, 409", "SSL_ALREADY_ENABLED, 409", "SSL_NOT_ENABLED, 409",
        "INSTANCE_NOT_ELIGIBLE, 422", "INSTANCE_NOT_FOUND, 404", "OPERATION_NOT_FOUND, 404",
        "INSTANCE_ALREADY_REGISTERED, 409", "VALIDATION_FAILED, 400", "IDEMPOTENCY_KEY_REUSED, 422",
        "CSR_INVALID, 422", "CSR_SAN_MISMATCH, 422", "CSR_WEAK_KEY, 422", "CSR_NO_RUNNING_OPERATION, 409",
        "CSR_NODE_UNKNOWN, 404", "CA_KEY_UNAVAILABLE, 503", "ROTATION_AWAITING_CLIENTS, 409",
        "ROTATION_NOT_AWAITING_CLIENTS, 409", "TLS_ENFORCEMENT_UNCHANGED, 409", "OPERATION_NOT_RETRYABLE, 409"})
    void codesMapToTheAgreedStatuses(ErrorCode code, int status) {
        assertThat(Problems.statusOf(code).value()).isEqualTo(status);
    }

    // the shared enum also holds the codes of server trouble, which are not refusals, and the query service's
    // READ_MODEL_BEHIND (a read at a position its projection has not reached yet)
    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"SERVICE_UNAVAILABLE", "INTERNAL_ERROR", "READ_MODEL_BEHIND"})
    void everyCodeIsAClientErrorExceptAnUnavailableKey(ErrorCode code) {
        int status = Problems.statusOf(code).value();
        assertThat(status >= 400 && status < 500 || code == ErrorCode.CA_KEY_UNAVAILABLE).isTrue();
    }

    @Test
    void aRefusalCarriesItsCodeAndDetailsAndProgress() {
        var problem = Problems.of(new DomainException(ErrorCode.OPERATION_IN_PROGRESS, "busy",
                Map.of("operationId", "op-1", "nodesDone", 1)));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Operation in progress");
        assertThat(problem.getDetail()).isEqualTo("busy");
        assertThat(problem.getProperties()).containsEntry("code", "OPERATION_IN_PROGRESS")
                .containsEntry("operationId", "op-1")
                .containsEntry("progress", Map.of("operationId", "op-1", "nodesDone", 1));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"OPERATION_IN_PROGRESS", "ROTATION_AWAITING_CLIENTS",
        "ROTATION_NOT_AWAITING_CLIENTS", "OPERATION_NOT_RETRYABLE"})
    void refusalsBecauseOfAnOperationCarryItsProgress(ErrorCode code) {
        var problem = Problems.of(new DomainException(code, "busy",
                Map.of("operationId", "op-1", "state", "WAITING_FOR_CLIENTS", "passLabel", "pass 2/3 NEW_CERTIFICATES")));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("progress", Map.of("operationId", "op-1",
                "state", "WAITING_FOR_CLIENTS", "passLabel", "pass 2/3 NEW_CERTIFICATES"));
    }

    @Test
    void otherRefusalsCarryNoProgress() {
        var problem = Problems.of(new DomainException(ErrorCode.TLS_ENFORCEMENT_UNCHANGED, "already required"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).doesNotContainKey("progress");
    }
}
