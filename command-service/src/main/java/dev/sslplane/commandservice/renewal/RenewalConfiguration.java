package dev.sslplane.commandservice.renewal;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The processor that keeps the renewal candidates. */
@Configuration(proxyBeanMethods = false)
class RenewalConfiguration {

    // Like scheduled-operations: a tracking processor whose token lives in MongoDB (resumes after a restart; one
    // replica holds the segment), and errors propagate so a MongoDB hiccup retries the event instead of skipping it.
    @Bean
    ConfigurerModule renewalCandidatesProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(RenewalCandidatesProjection.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .registerListenerInvocationErrorHandler(RenewalCandidatesProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
