package dev.sslplane.worker.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * A stand-in mongod on the legacy wire path: answers each OP_QUERY command with the canned reply for its name
 * (or {@code ok: 0} "no such command"), plain or TLS only, and keeps every command it received.
 */
public final class FakeNode implements AutoCloseable {

    private static final int OP_REPLY = 1;

    private final ServerSocket socket;
    private final Map<String, Document> replies = new ConcurrentHashMap<>();
    private final List<Document> received = new CopyOnWriteArrayList<>();

    /** {@code tls}: a server context (TLS only), or {@code null} for plain. */
    public FakeNode(SSLContext tls) throws IOException {
        socket = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var thread = new Thread(this::serve, "fake-node");
        thread.setDaemon(true);
        thread.start();
    }

    public FakeNode reply(String command, Document reply) {
        replies.put(command, reply);
        return this;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<Document> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                var in = new DataInputStream(client.getInputStream());
                byte[] header = new byte[16];
                in.readFully(header);
                ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int length = head.getInt();
                int requestId = head.getInt();
                byte[] body = new byte[length - 16];
                in.readFully(body);
                Document command = query(body);
                received.add(command);
                String name = command.keySet().iterator().next();
                Document reply = replies.getOrDefault(name, new Document("ok", 0.0)
                        .append("errmsg", "no such command: '" + name + "'").append("code", 59)
                        .append("codeName", "CommandNotFound"));
                client.getOutputStream().write(encode(requestId, reply));
            } catch (IOException | RuntimeException e) {
                // a failed handshake or a client that went away: next connection
            }
        }
    }

    /** OP_QUERY body: flags, collection name (cstring), skip, return, then the command document. */
    private static Document query(byte[] body) {
        int at = 4;
        while (body[at] != 0) {
            at++;
        }
        at += 1 + 8;
        var raw = new RawBsonDocument(body, at, body.length - at);
        return new DocumentCodec().decode(raw.asBsonReader(), org.bson.codecs.DecoderContext.builder().build());
    }

    private static byte[] encode(int responseTo, Document reply) {
        var raw = new RawBsonDocument(reply, new DocumentCodec()).getByteBuffer();
        byte[] body = new byte[raw.remaining()];
        raw.get(body);
        ByteBuffer message = ByteBuffer.allocate(36 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(36 + body.length).putInt(1).putInt(responseTo).putInt(OP_REPLY);
        message.putInt(0).putLong(0).putInt(0).putInt(1).put(body);
        return message.array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
