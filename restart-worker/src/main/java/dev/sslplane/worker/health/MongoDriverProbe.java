package dev.sslplane.worker.health;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bson.Document;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Health probe with the MongoDB reactive streams driver: {@code ping} over plain and over TLS verified against
 * the instance CA (with host-name verification), or, after Disable, a TLS attempt that must fail. Short
 * server-selection timeouts, because a refused TLS handshake only surfaces as a selection timeout.
 */
public class MongoDriverProbe implements NodeProbe {

    private static final SSLContext TRUST_ALL = trustAll();

    private final Duration serverSelectionTimeout;
    private final Duration tlsAbsentTimeout;

    public MongoDriverProbe(Duration serverSelectionTimeout, Duration tlsAbsentTimeout) {
        this.serverSelectionTimeout = serverSelectionTimeout;
        this.tlsAbsentTimeout = tlsAbsentTimeout;
    }

    @Override
    public Mono<ProbeResult> check(InstanceRef instance, NodeState node, HealthExpectation expectation) {
        Mono<ProbeResult> plain = ping(node, null, serverSelectionTimeout)
                .map(ok -> ok ? ProbeResult.ok() : ProbeResult.unhealthy("plain connection does not answer ping"));
        Mono<ProbeResult> tls;
        if (expectation.tls()) {
            SSLContext trusting;
            try {
                trusting = trusting(expectation.caPem());
            } catch (GeneralSecurityException | RuntimeException e) {
                return Mono.just(ProbeResult.unhealthy("unusable CA certificate: " + e.getMessage()));
            }
            tls = ping(node, trusting, serverSelectionTimeout).map(ok -> ok ? ProbeResult.ok()
                    : ProbeResult.unhealthy("TLS connection verified against the new CA does not answer ping"));
        } else {
            tls = ping(node, TRUST_ALL, tlsAbsentTimeout).map(ok -> ok
                    ? ProbeResult.unhealthy("TLS is still offered after disabling it") : ProbeResult.ok());
        }
        return plain.flatMap(result -> result.healthy() ? tls : Mono.just(result));
    }

    private Mono<Boolean> ping(NodeState node, SSLContext tls, Duration selectionTimeout) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + node.host() + ":" + node.port()
                        + "/?directConnection=true"))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(selectionTimeout.toMillis(),
                        TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) selectionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) selectionTimeout.toMillis() * 2, TimeUnit.MILLISECONDS))
                .applyToSslSettings(b -> {
                    b.enabled(tls != null);
                    if (tls != null) {
                        b.context(tls);
                        // the TLS-offered check must not fail on names; verified probes keep the name check
                        b.invalidHostNameAllowed(tls == TRUST_ALL);
                    }
                })
                .build();
        return Mono.usingWhen(
                        Mono.fromCallable(() -> MongoClients.create(settings)),
                        client -> Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                                .map(reply -> true),
                        client -> Mono.fromRunnable(client::close).subscribeOn(Schedulers.boundedElastic()))
                .onErrorReturn(false);
    }

    static SSLContext trusting(String caPem) throws GeneralSecurityException {
        var factory = CertificateFactory.getInstance("X.509");
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (var certificate : factory.generateCertificates(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in CA PEM");
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Only to find out whether TLS is offered at all: nothing is sent that needs protecting. */
    private static SSLContext trustAll() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
