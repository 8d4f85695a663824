package dev.sslplane.commandservice.publishing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of the publishing processor that must not be left to defaults. */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    // Axon's default listener error handler logs and moves on, which would skip an event Kafka never got.
    // Propagating the error makes the tracking processor release its claim and retry from the stored token.
    @Bean
    ConfigurerModule publishingProcessor(PublishedSequences published) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP)
                // a segment claimed (at start, or taken over from another replica): what is on the topic may have
                // moved past the stored token, so the publisher reads the topic's tail again
                .registerTrackingEventProcessorConfiguration(KafkaEventPublisher.PROCESSING_GROUP, c ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andEventTrackerStatusChangeListener(statuses -> {
                                    if (statuses.values().stream().anyMatch(EventTrackerStatus::trackerAdded)) {
                                        published.forget();
                                    }
                                }))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
