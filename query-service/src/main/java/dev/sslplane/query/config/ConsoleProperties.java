package dev.sslplane.query.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console served by this service ({@code sslplane.console.*}).
 *
 * @param commandServiceUrl where the console sends commands (enable, rotate, disable, retry); also allowed as a
 *                          connect-src in the console's Content-Security-Policy
 */
@ConfigurationProperties("sslplane.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8081") URI commandServiceUrl) {

    public ConsoleProperties {
        if (commandServiceUrl == null || commandServiceUrl.getHost() == null
                || !("http".equals(commandServiceUrl.getScheme()) || "https".equals(commandServiceUrl.getScheme()))) {
            throw new IllegalArgumentException("sslplane.console.command-service-url must be an absolute http(s) URL,"
                    + " was " + commandServiceUrl);
        }
    }

    /** {@code scheme://host[:port]}, as a browser compares origins. */
    public String commandServiceOrigin() {
        return commandServiceUrl.getScheme() + "://" + commandServiceUrl.getHost()
                + (commandServiceUrl.getPort() == -1 ? "" : ":" + commandServiceUrl.getPort());
    }
}
