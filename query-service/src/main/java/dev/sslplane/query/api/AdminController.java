package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.CollectionDigests.Digest;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.query.replay.ReplayService;
import dev.sslplane.query.replay.ReplayStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Rebuild of the read models and digests that prove a rebuild equals the live projection. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "admin", description = "Read-model rebuild (replay) and digests")
public class AdminController {

    private final ReplayService replay;
    private final ReadModelStore store;

    public AdminController(ReplayService replay, ReadModelStore store) {
        this.replay = replay;
        this.store = store;
    }

    @Operation(summary = "Rebuild every read model from the start of ssl.events into fresh collections, then "
            + "switch over; queries keep being answered meanwhile. 409 REPLAY_IN_PROGRESS if one runs")
    @ApiResponse(responseCode = "202", description = "rebuild started; Location is its progress")
    @PostMapping("/replay")
    public Mono<ResponseEntity<ReplayStatus>> startReplay() {
        // start() submits to the replay's own thread; the call itself only flips a flag
        return Mono.fromCallable(replay::start)
                .subscribeOn(Schedulers.boundedElastic())
                .map(started -> started
                        .map(s -> ResponseEntity.status(HttpStatus.ACCEPTED)
                                .header("Location", "/api/v1/admin/replay").body(s))
                        .orElseThrow(() -> new ApiException(ErrorCode.REPLAY_IN_PROGRESS,
                                "A rebuild is already running; follow GET /api/v1/admin/replay")));
    }

    @Operation(summary = "Progress of the running rebuild, or the outcome of the last one")
    @GetMapping("/replay")
    public ReplayStatus replayStatus() {
        return replay.status();
    }

    @Operation(summary = "SHA-256 digest and document count of each collection of the active read models")
    @GetMapping("/digests")
    public Mono<Map<String, Digest>> digests() {
        return CollectionDigests.of(store.active());
    }
}
