package dev.sslplane.query.config;

import dev.sslplane.query.replay.ReplayConsumerConfig;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/** Beans the rebuild needs besides the projection. */
@Configuration(proxyBeanMethods = false)
public class ReplayConfig {

    @Bean
    ReplayConsumerConfig replayConsumerConfig(ConsumerFactory<?, ?> consumerFactory) {
        return new ReplayConsumerConfig(consumerFactory.getConfigurationProperties());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
