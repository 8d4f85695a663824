package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sslplane.contracts.model.Schedule;

/**
 * Optional body of the operation commands that have no other option (disable; renew node certificates has
 * {@link RenewNodeCertificatesRequest}), over REST and on {@code ssl.commands}.
 *
 * @param schedule {@code NOW} (absent = now) or {@code MAINTENANCE_WINDOW}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationRequest(Schedule schedule) {
}
