package dev.sslplane.query.replay;

import java.util.Map;

/** Kafka consumer settings for the rebuild's own consumer (bootstrap servers, security) taken from Boot's. */
public record ReplayConsumerConfig(Map<String, Object> properties) {
}
