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
    // Batches of events per unit of work: one token write per batch instead of per event (PublishingProperties);
    // what a failed batch already sent is skipped when it is retried (PublishedSequences).
    @Bean
    ConfigurerModule publishingProcessor(PublishingProperties properties, PublishedSequences published) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize())
                                // a segment claimed (at start, or taken over from another replica): what is on
                                // the topic may have moved past the stored token, so read its tail again
                                .andEventTrackerStatusChangeListener(statuses -> {
                                    if (statuses.values().stream().anyMatch(EventTrackerStatus::trackerAdded)) {
                                        published.forget();
                                    }
                                }))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
