package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sslplane.contracts.model.Schedule;

/**
 * Body of a TLS enforcement command: {@code requireTls} true = requireTLS, false = back to preferTLS;
 * {@code schedule} {@code NOW} (absent = now) or {@code MAINTENANCE_WINDOW}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsEnforcementRequest(Boolean requireTls, Schedule schedule) {

    /** Starting now. */
    public TlsEnforcementRequest(Boolean requireTls) {
        this(requireTls, null);
    }
}
