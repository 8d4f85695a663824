package dev.sslplane.nodeclient;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.bson.Document;

/**
 * Runs admin commands on one node, over plain TCP or TLS, with one connection per command. It speaks only what
 * MongoDB 3.4, 4.0 and 4.2 all answer (see {@link LegacyWire}), because the current Java driver refuses servers
 * below wire version 8. Blocking: reactive callers run it on a bounded elastic scheduler.
 */
public final class NodeClient {

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public NodeClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** Runs {@code command} on {@code admin}; answers the reply when {@code ok} is 1. */
    public Document run(NodeAddress address, TlsOptions tls, Document command) {
        String name = command.keySet().iterator().next();
        Document reply;
        try (Socket socket = connect(address, tls)) {
            int requestId = LegacyWire.writeQuery(socket.getOutputStream(), command);
            reply = LegacyWire.readReply(socket.getInputStream(), requestId);
        } catch (SSLException e) {
            throw new NodeClientException(NodeClientException.Kind.TLS_HANDSHAKE,
                    address + ": TLS failed: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new NodeClientException(NodeClientException.Kind.TIMEOUT,
                    address + ": no answer to " + name + " within " + readTimeoutMillis + " ms", e);
        } catch (ConnectException e) {
            throw new NodeClientException(NodeClientException.Kind.CONNECT,
                    address + ": cannot connect: " + e.getMessage(), e);
        } catch (EOFException | SocketException e) {
            throw new NodeClientException(NodeClientException.Kind.CLOSED,
                    address + ": connection closed during " + name
                            + (tls.tls() ? "" : " (does the node require TLS?)"), e);
        } catch (IOException | RuntimeException e) {
            throw new NodeClientException(NodeClientException.Kind.PROTOCOL,
                    address + ": " + name + ": " + e.getMessage(), e);
        }
        if (!isOk(reply)) {
            throw new NodeCommandException(name, reply.get("code") instanceof Number n ? n.intValue() : 0,
                    reply.getString("codeName"), String.valueOf(reply.get("errmsg")));
        }
        return reply;
    }

    public Document isMaster(NodeAddress address, TlsOptions tls) {
        return run(address, tls, new Document("isMaster", 1));
    }

    public Document replSetGetStatus(NodeAddress address, TlsOptions tls) {
        return run(address, tls, new Document("replSetGetStatus", 1));
    }

    /**
     * Asks the primary to step down. MongoDB 3.4 and 4.0 close every connection when they step down, so a
     * connection closed in answer counts as success; the caller checks the roles afterwards anyway.
     */
    public void replSetStepDown(NodeAddress address, TlsOptions tls, int stepDownSecs, int catchUpSecs) {
        try {
            run(address, tls, new Document("replSetStepDown", stepDownSecs)
                    .append("secondaryCatchUpPeriodSecs", catchUpSecs));
        } catch (NodeClientException e) {
            if (e.kind() != NodeClientException.Kind.CLOSED) {
                throw e;
            }
        }
    }

    public void setParameter(NodeAddress address, TlsOptions tls, String name, Object value) {
        run(address, tls, new Document("setParameter", 1).append(name, value));
    }

    public Document getParameter(NodeAddress address, TlsOptions tls, String name) {
        return run(address, tls, new Document("getParameter", 1).append(name, 1));
    }

    private Socket connect(NodeAddress address, TlsOptions tls) throws IOException {
        var socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            if (!tls.tls()) {
                return socket;
            }
            var secure = (SSLSocket) tls.context().getSocketFactory()
                    .createSocket(socket, address.host(), address.port(), true);
            if (tls.verifyHostname()) {
                var parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
            }
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean isOk(Document reply) {
        return reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
    }
}
