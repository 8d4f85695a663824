package dev.sslplane.commandservice.config;

import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The message codec and the topics this service reads and writes; topics are created at start-up when missing
 * (existing ones are left as they are).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** The contracts' codec: the only way this service reads or writes a Kafka record value. */
    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }


    @Bean
    KafkaAdmin.NewTopics sslTopics(KafkaSettings settings) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.COMMANDS, settings),
                topic(Topics.COMMAND_RESULTS, settings),
                topic(Topics.COMMANDS_DLT, settings),
                topic(Topics.EVENTS, settings),
                topic(Topics.RESTART_PROGRESS, settings),
                topic(Topics.RESTART_PROGRESS_DLT, settings));
    }

    private static NewTopic topic(String name, KafkaSettings settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor()).build();
    }
}
