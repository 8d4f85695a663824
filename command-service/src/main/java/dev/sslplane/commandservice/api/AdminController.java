package dev.sslplane.commandservice.api;

import dev.sslplane.commandservice.publishing.EventStoreRepublisher;
import dev.sslplane.contracts.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints: re-send the whole event store to {@code ssl.events} so read models can be rebuilt. */
@RestController
@RequestMapping("/api/v1/admin/republish")
@Tag(name = "admin", description = "Recovery of downstream read models")
class AdminController {

    private final EventStoreRepublisher republisher;

    AdminController(EventStoreRepublisher republisher) {
        this.republisher = republisher;
    }

    @PostMapping
    @Operation(summary = "Re-send every stored event to ssl.events (same event ids and sequences)")
    @ApiResponse(responseCode = "202", description = "republish started; Location is its progress",
            content = @Content(schema = @Schema(implementation = EventStoreRepublisher.Status.class)))
    ResponseEntity<Object> republish() {
        if (!republisher.start()) {
            return Problems.response(Problems.of(ErrorCode.REPUBLISH_IN_PROGRESS,
                    "a republish is already running; follow it at GET /api/v1/admin/republish"));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/republish")).body(republisher.status());
    }

    @GetMapping
    @Operation(summary = "Progress of the latest republish on this replica")
    EventStoreRepublisher.Status status() {
        return republisher.status();
    }
}
