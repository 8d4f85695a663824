package dev.sslplane.commandservice.command;

import jakarta.validation.constraints.NotEmpty;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code sslplane.eligibility.*}: which engine versions may have SSL managed. */
@Validated
@ConfigurationProperties("sslplane.eligibility")
public record EligibilityProperties(@NotEmpty Set<String> supportedEngineVersions) {
}
