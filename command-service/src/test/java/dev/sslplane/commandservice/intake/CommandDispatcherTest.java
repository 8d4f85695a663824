package dev.sslplane.commandservice.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.IdRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CommandDispatcherTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandDispatcher dispatcher = new CommandDispatcher(gateway, meters);
    private final EnableSslCommand command = new EnableSslCommand("rs-1", "op-1", false);

    @Test
    void sendsTheActorAndCommandIdAsMetaData() {
        dispatcher.dispatch(command, "alice", "cmd-1", "rest");
        var metaData = ArgumentCaptor.forClass(MetaData.class);
        verify(gateway).sendAndWait(any(), metaData.capture());
        assertThat(metaData.getValue()).containsEntry("actor", "alice").containsEntry("commandId", "cmd-1");
        assertThat(meters.get("sslplane.commands").tag("outcome", "accepted").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aConflictWithAnotherReplicaIsDecidedOnceMoreOnFreshState() {
        when(gateway.sendAndWait(any(), any(MetaData.class)))
                .thenThrow(new ConcurrencyException("sequence 1 already taken"))
                .thenThrow(new DomainException(ErrorCode.OPERATION_IN_PROGRESS, "running"));
        assertThatThrownBy(() -> dispatcher.dispatch(command, "alice", null, "rest"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS));
        verify(gateway, times(2)).sendAndWait(any(), any(MetaData.class));
        assertThat(meters.get("sslplane.commands").tag("code", "OPERATION_IN_PROGRESS").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aSecondConflictIsReportedAsConcurrentModification() {
        when(gateway.sendAndWait(any(), any(MetaData.class))).thenThrow(new ConcurrencyException("taken"));
        assertThatThrownBy(() -> dispatcher.dispatch(command, "alice", null, "rest"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        verify(gateway, times(2)).sendAndWait(any(), any(MetaData.class));
    }

    @Test
    void anUnknownAggregateIsInstanceNotFound() {
        when(gateway.sendAndWait(any(), any(MetaData.class)))
                .thenThrow(new AggregateNotFoundException("rs-9", "not found"));
        assertThatThrownBy(() -> dispatcher.dispatch(command, "alice", null, "kafka"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_FOUND);
                    assertThat(e.details()).containsEntry("instanceId", "rs-9");
                });
    }

    @Test
    void aDomainExceptionWrappedByTheBusIsUnwrapped() {
        when(gateway.sendAndWait(any(), any(MetaData.class))).thenThrow(new RuntimeException("bus",
                new DomainException(ErrorCode.SSL_ALREADY_ENABLED, "on")));
        assertThatThrownBy(() -> dispatcher.dispatch(command, "alice", null, "rest"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SSL_ALREADY_ENABLED));
    }

    @Test
    void operationIdsDerivedFromTheSameSourceAreEqualAndValidIds() {
        assertThat(OperationIds.fromCommandId("c-1")).isEqualTo(OperationIds.fromCommandId("c-1"))
                .isNotEqualTo(OperationIds.fromCommandId("c-2"));
        assertThat(OperationIds.fromIdempotencyKey("rs", "enable", "k"))
                .isNotEqualTo(OperationIds.fromIdempotencyKey("rs", "rotate", "k"));
        assertThat(IdRules.isId(OperationIds.fromCommandId("c-1"))).isTrue();
        assertThat(IdRules.isId(OperationIds.random())).isTrue();
    }
}
