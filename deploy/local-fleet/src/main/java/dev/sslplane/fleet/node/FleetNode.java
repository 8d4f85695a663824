package dev.sslplane.fleet.node;

import de.bwaldvogel.mongo.MongoBackend;
import dev.sslplane.fleet.pki.Pem;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;

/** One node: its settings and files, its in-memory database and its listener. Callers hold its monitor. */
final class FleetNode {

    private final NodeFiles files;
    private final MongoBackend backend;
    private NodeSettings settings;
    private NodeListener listener;
    private int restarts;

    FleetNode(NodeFiles files, MongoBackend backend, NodeSettings settings) {
        this.files = files;
        this.backend = backend;
        this.settings = settings;
    }

    NodeFiles files() {
        return files;
    }

    NodeSettings settings() {
        return settings;
    }

    void update(NodeSettings newSettings) {
        files.writeSettings(newSettings);
        this.settings = newSettings;
    }

    boolean running() {
        return listener != null;
    }

    /** Starts the listener with the persisted TLS settings on {@code port}; returns the bound port. */
    int start(EventLoopGroup boss, EventLoopGroup workers, String address, int port) {
        SslContext ssl = settings.tls() ? sslContext() : null;
        listener = NodeListener.start(boss, workers, backend, address, port, ssl);
        return listener.port();
    }

    void countRestart() {
        restarts++;
    }

    void stop() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    void close() {
        stop();
        backend.close();
    }

    private SslContext sslContext() {
        PrivateKey key = Pem.readPrivateKey(files.activeKey().orElseThrow(
                () -> new IllegalStateException("TLS is on but the node has no key")));
        List<X509Certificate> chain = Pem.readCertificates(files.certificateChain().orElseThrow(
                () -> new IllegalStateException("TLS is on but the node has no certificate")));
        return buildContext(key, chain);
    }

    static SslContext buildContext(PrivateKey key, List<X509Certificate> chain) {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    NodeStatus status() {
        String serial = null;
        Instant notAfter = null;
        String caSubject = null;
        if (settings.tls()) {
            var leaf = files.certificateChain().map(Pem::readCertificates).map(l -> l.get(0)).orElse(null);
            if (leaf != null) {
                serial = leaf.getSerialNumber().toString(16);
                notAfter = leaf.getNotAfter().toInstant();
            }
            caSubject = files.ca().map(Pem::readCertificates)
                    .map(l -> l.get(0).getSubjectX500Principal().getName()).orElse(null);
        }
        return new NodeStatus(settings.instanceId(), settings.name(), settings.host(), settings.port(),
                settings.role(), settings.subjectAltNames(), running(), settings.tls(), serial, notAfter, caSubject,
                restarts);
    }
}
