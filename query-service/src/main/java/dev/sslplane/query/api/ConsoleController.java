package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.query.config.ConsoleProperties;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The web console's entry points: {@code /} and {@code /console} lead to {@code /console/}, which serves its
 * index page (other console files are static resources under {@code /console/**}); the console reads where the
 * command service is from {@code /api/v1/console/config}. All public: the console asks for a token itself.
 */
@RestController
@Tag(name = "console", description = "Web console entry point and configuration")
public class ConsoleController {

    /** The console's own configuration: nothing secret. */
    public record ConsoleConfig(String commandServiceUrl) {
    }

    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    private final ConsoleProperties console;

    public ConsoleController(ConsoleProperties console) {
        this.console = console;
    }

    @Operation(summary = "Where the web console sends commands (public)")
    @GetMapping("/api/v1/console/config")
    public ConsoleConfig config() {
        return new ConsoleConfig(console.commandServiceUrl().toString());
    }

    // pages for a browser, no API: kept out of the OpenAPI document so no client is generated for them
    @Hidden
    @GetMapping({"/", "/console"})
    public ResponseEntity<Void> toConsole() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
    }

    /** Revalidated on every load (no-cache + Last-Modified), so a new console version shows at once. */
    @Hidden
    @GetMapping(value = "/console/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> index(ServerWebExchange exchange) throws IOException {
        if (!INDEX.exists()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The web console is not installed");
        }
        Instant modified = Instant.ofEpochMilli(INDEX.lastModified());
        if (exchange.checkNotModified(modified)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).lastModified(modified)
                .contentType(MediaType.TEXT_HTML).body(INDEX);
    }
}
