package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sslplane.contracts.model.Schedule;
import java.util.List;

/**
 * Optional body of renew-node-certificates, over REST and on {@code ssl.commands}.
 *
 * @param schedule {@code NOW} (absent = now) or {@code MAINTENANCE_WINDOW}
 * @param members  names of the members to renew, each a current member, each once (at most 50); absent or empty =
 *                 every member. One name renews (and restarts) only that member, for example a replacement.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RenewNodeCertificatesRequest(Schedule schedule, List<String> members) {

    /** Every member. */
    public RenewNodeCertificatesRequest(Schedule schedule) {
        this(schedule, null);
    }
}
