package dev.sslplane.nodeclient;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/** Answers every OP_QUERY with one canned OP_REPLY document, or closes the connection when there is none. */
final class OneReplyServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0);
    private final Thread thread;

    OneReplyServer(Document replyOrNull) throws IOException {
        thread = new Thread(() -> serve(replyOrNull), "one-reply-server");
        thread.setDaemon(true);
        thread.start();
    }

    NodeAddress address() {
        return new NodeAddress("127.0.0.1", socket.getLocalPort());
    }

    private void serve(Document reply) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                var in = new DataInputStream(client.getInputStream());
                byte[] header = new byte[16];
                in.readFully(header);
                ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int length = head.getInt();
                int requestId = head.getInt();
                in.readFully(new byte[length - 16]);
                if (reply != null) {
                    client.getOutputStream().write(encode(requestId, reply));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static byte[] encode(int responseTo, Document reply) {
        var raw = new RawBsonDocument(reply, new DocumentCodec()).getByteBuffer();
        byte[] body = new byte[raw.remaining()];
        raw.get(body);
        ByteBuffer message = ByteBuffer.allocate(36 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(36 + body.length).putInt(1).putInt(responseTo).putInt(LegacyWire.OP_REPLY);
        message.putInt(0).putLong(0).putInt(0).putInt(1).put(body);
        return message.array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
