package dev.sslplane.fleet.node;

import dev.sslplane.fleet.mongod.TlsMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides per connection, from its first byte, whether it is TLS (a handshake record starts with 0x16) and
 * whether the node's current mode lets it in: disabled refuses TLS, require refuses plain. The mode is read
 * when the connection starts, so a runtime {@code setParameter} applies to new connections as on mongod.
 */
final class TlsGate extends ByteToMessageDecoder {

    private static final byte HANDSHAKE_RECORD = 0x16;

    private final Supplier<TlsMode> mode;
    private final SslContext contextOrNull;

    TlsGate(Supplier<TlsMode> mode, SslContext contextOrNull) {
        this.mode = mode;
        this.contextOrNull = contextOrNull;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        boolean tls = in.getByte(in.readerIndex()) == HANDSHAKE_RECORD;
        TlsMode current = mode.get();
        if (tls && (!current.acceptsTls() || contextOrNull == null)) {
            // mongod without TLS reads the ClientHello as a message header and drops the connection
            in.skipBytes(in.readableBytes());
            ctx.close();
        } else if (!tls && !current.acceptsPlain()) {
            in.skipBytes(in.readableBytes());
            ctx.close();
        } else if (tls) {
            ctx.pipeline().replace(this, "tls", contextOrNull.newHandler(ctx.alloc()));
        } else {
            ctx.pipeline().remove(this);
        }
    }
}
