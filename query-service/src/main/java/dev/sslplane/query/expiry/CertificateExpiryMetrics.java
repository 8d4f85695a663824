package dev.sslplane.query.expiry;

import com.mongodb.client.model.Filters;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.ReadModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Recomputes the {@link CertificateExpiryGauges} from the instances with SSL every
 * {@code sslplane.query.certificates.metrics-refresh}: days pass without events, so the gauges follow the clock,
 * not the projection. A read that fails keeps the previous values until the next one.
 */
@Component
public class CertificateExpiryMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CertificateExpiryMetrics.class);

    private final ReadModelStore store;
    private final CertificateExpiryGauges gauges;
    private final Clock clock;
    private final Disposable refreshing;

    public CertificateExpiryMetrics(ReadModelStore store, QueryProperties properties, MeterRegistry registry,
                                    Clock clock) {
        this.store = store;
        this.gauges = new CertificateExpiryGauges(new ExpiryPolicy(properties.certificates().renewSoonLifeFraction(),
                properties.certificates().renewSoonBefore()), registry);
        this.clock = clock;
        Duration every = properties.certificates().metricsRefresh();
        this.refreshing = Flux.interval(Duration.ZERO, every, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(this::refresh).onErrorResume(e -> {
                    log.warn("Could not refresh the certificate expiry metrics: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Reads the instances with SSL and sets the gauges. */
    Mono<Void> refresh() {
        return Flux.from(store.active().instances().find(Filters.eq("sslStatus", "ENABLED")))
                .map(InstanceDoc::from)
                .collectList()
                .doOnNext(instances -> gauges.update(instances, clock.instant()))
                .then();
    }

    @Override
    public void destroy() {
        refreshing.dispose();
    }
}
