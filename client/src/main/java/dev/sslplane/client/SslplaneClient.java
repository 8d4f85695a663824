package dev.sslplane.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.messaging.MessageCodec;

/**
 * The REST client of sslplane: {@link #commands()} for the command service, {@link #queries()} for the query
 * service. Thread-safe; make one per application and share it. See the package documentation for an example.
 */
public final class SslplaneClient {

    private final ClientSettings settings;
    private final CommandClient commands;
    private final QueryClient queries;

    public SslplaneClient(ClientSettings settings) {
        this.settings = settings;
        var transport = new HttpTransport(settings, objectMapper());
        this.commands = new CommandClient(transport, settings.commandUrl());
        this.queries = new QueryClient(transport, settings.queryUrl());
    }

    public CommandClient commands() {
        return commands;
    }

    public QueryClient queries() {
        return queries;
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * The contracts' mapper (Java time, unknown fields ignored), lenient about missing numbers: a newer or older
     * service may leave out a field this client has as a primitive.
     */
    public static ObjectMapper objectMapper() {
        return MessageCodec.newObjectMapper().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
