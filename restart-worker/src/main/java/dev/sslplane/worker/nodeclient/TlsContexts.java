package dev.sslplane.worker.nodeclient;

import dev.sslplane.nodeclient.Pems;
import dev.sslplane.nodeclient.TlsOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * TLS options per {@link Connection}. Contexts are built once per set of trusted CAs (parsing PEMs for every
 * health probe would cost more than the probe) and kept in a small LRU map.
 */
final class TlsContexts {

    private static final int MAX_CONTEXTS = 256;
    /** Only to find out whether a member offers TLS at all: nothing is sent that needs protecting. */
    private static final SSLContext TRUST_ANY = Pems.trustingAnyone();

    private final Map<String, SSLContext> byTrust = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SSLContext> eldest) {
            return size() > MAX_CONTEXTS;
        }
    };

    TlsOptions options(Connection connection) {
        if (!connection.tls()) {
            return TlsOptions.plain();
        }
        if (!connection.verified()) {
            return new TlsOptions(TRUST_ANY, false);
        }
        String trust = String.join("\n", connection.trustedCaPems());
        SSLContext context;
        synchronized (byTrust) {
            context = byTrust.get(trust);
        }
        if (context == null) {
            context = Pems.trusting(trust);
            synchronized (byTrust) {
                byTrust.put(trust, context);
            }
        }
        return TlsOptions.verified(context);
    }
}
