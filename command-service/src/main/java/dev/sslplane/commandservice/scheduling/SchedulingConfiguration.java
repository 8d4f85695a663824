package dev.sslplane.commandservice.scheduling;

import dev.sslplane.commandservice.command.OperationClock;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of maintenance-window decisions and the processor that keeps the due list. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /** The bean name of the clock window decisions use; tests register a shiftable clock under it. */
    static final String CLOCK = "schedulingClock";

    @Bean(CLOCK)
    @ConditionalOnMissingBean(name = CLOCK)
    Clock schedulingClock() {
        return Clock.systemUTC();
    }

    @Bean
    OperationClock operationClock(@Qualifier(CLOCK) Clock clock) {
        return new OperationClock(clock);
    }

    // Like the publisher: a tracking processor whose token lives in MongoDB (resumes after a restart; one replica
    // holds the segment), and errors propagate so a MongoDB hiccup retries the event instead of skipping it.
    @Bean
    ConfigurerModule scheduledOperationsProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(ScheduledOperationsProjection.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .registerListenerInvocationErrorHandler(ScheduledOperationsProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
