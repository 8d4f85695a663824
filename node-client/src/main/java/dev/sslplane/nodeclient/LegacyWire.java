package dev.sslplane.nodeclient;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The legacy command path: an {@code OP_QUERY} on {@code admin.$cmd} answered by an {@code OP_REPLY}. Every
 * server from 3.4 to 4.2 answers it (MongoDB removed it for commands only in 5.1), which no current driver
 * still speaks to a 3.4 server.
 */
final class LegacyWire {

    static final int OP_REPLY = 1;
    static final int OP_QUERY = 2004;
    private static final int SECONDARY_OK = 1 << 2;
    private static final int QUERY_FAILURE = 1 << 1;
    private static final int MAX_MESSAGE = 48 * 1024 * 1024;
    private static final byte[] COMMAND_NAMESPACE = "admin.$cmd\0".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();
    private static final DocumentCodec CODEC = new DocumentCodec();

    private LegacyWire() {
    }

    /** Writes the command; answers the request id the reply must refer to. */
    static int writeQuery(OutputStream out, Document command) throws IOException {
        byte[] body = bytes(new RawBsonDocument(command, CODEC));
        int length = 16 + 4 + COMMAND_NAMESPACE.length + 8 + body.length;
        int requestId = REQUEST_IDS.incrementAndGet();
        ByteBuffer message = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(length).putInt(requestId).putInt(0).putInt(OP_QUERY);
        message.putInt(SECONDARY_OK).put(COMMAND_NAMESPACE).putInt(0).putInt(-1).put(body);
        out.write(message.array());
        out.flush();
        return requestId;
    }

    /** Reads the reply to {@code requestId} and answers its single document. */
    static Document readReply(InputStream in, int requestId) throws IOException {
        var data = new DataInputStream(in);
        byte[] header = new byte[16];
        data.readFully(header);
        ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int length = head.getInt();
        head.getInt();
        int responseTo = head.getInt();
        int opCode = head.getInt();
        if (length < 16 + 20 + 5 || length > MAX_MESSAGE) {
            throw new IOException("reply of impossible length " + length);
        }
        if (opCode != OP_REPLY || responseTo != requestId) {
            throw new IOException("expected OP_REPLY to request " + requestId + ", got op " + opCode
                    + " to request " + responseTo);
        }
        byte[] rest = new byte[length - 16];
        data.readFully(rest);
        ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        int flags = reply.getInt();
        reply.getLong();
        reply.getInt();
        int returned = reply.getInt();
        if (returned != 1) {
            throw new IOException("expected one reply document, got " + returned);
        }
        Document document = new RawBsonDocument(rest, reply.position(), rest.length - reply.position())
                .decode(CODEC);
        if ((flags & QUERY_FAILURE) != 0) {
            document.putIfAbsent("ok", 0.0);
            document.putIfAbsent("errmsg", document.getString("$err"));
        }
        return document;
    }

    private static byte[] bytes(RawBsonDocument document) {
        var buffer = document.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static EOFException closed() {
        return new EOFException("the node closed the connection");
    }
}
