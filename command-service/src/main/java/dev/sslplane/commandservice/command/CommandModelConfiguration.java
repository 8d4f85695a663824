package dev.sslplane.commandservice.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the aggregate's command handlers receive as parameters. */
@Configuration(proxyBeanMethods = false)
class CommandModelConfiguration {

    @Bean
    EligibilityPolicy eligibilityPolicy(EligibilityProperties properties) {
        return new EligibilityPolicy(properties.supportedEngineVersions());
    }
}
