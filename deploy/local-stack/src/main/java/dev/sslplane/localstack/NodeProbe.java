package dev.sslplane.localstack;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;

/** Connects to a MongoDB node as an application would: plain, or over TLS trusting exactly one CA. */
final class NodeProbe {

    /** Pings the node; returns null when it answered, else why not. */
    static String ping(String host, int port, String trustedCaPem) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + host + ":" + port
                        + "/?directConnection=true"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(4, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(3, TimeUnit.SECONDS));
        if (trustedCaPem != null) {
            settings.applyToSslSettings(ssl -> ssl.enabled(true).context(trusting(trustedCaPem)));
        }
        try (var client = MongoClients.create(settings.build())) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    static SSLContext trusting(String caPem) {
        try {
            var certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            var trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", certificate);
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            var context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a usable CA certificate: " + e.getMessage(), e);
        }
    }

    private NodeProbe() {
    }
}
