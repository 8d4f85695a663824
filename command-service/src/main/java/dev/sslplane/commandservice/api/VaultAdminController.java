package dev.sslplane.commandservice.api;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.vault.MasterKeyRotation;
import dev.sslplane.contracts.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master-key rotation of the CA key vault. The keys come from configuration (next / previous master key), never
 * from the request; the answer carries key ids and counts only.
 */
@RestController
@Tag(name = "admin", description = "Recovery of downstream read models")
class VaultAdminController {

    static final int MAX_LIMIT = 1_000_000;

    private final MasterKeyRotation rotation;

    VaultAdminController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @PostMapping("/api/v1/admin/vault:rotate-master-key")
    @Operation(summary = "Re-encrypt every vault entry under the current (next) master key; idempotent, resumable "
            + "(optional limit: entries per call); done=true means the old key may be removed from configuration")
    MasterKeyRotation.Result rotate(@RequestParam(name = "limit", required = false) String limit) {
        return rotation.rotate(parseLimit(limit));
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new DomainException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT,
                Map.of("violations", List.of("limit must be between 1 and " + MAX_LIMIT)));
    }
}
