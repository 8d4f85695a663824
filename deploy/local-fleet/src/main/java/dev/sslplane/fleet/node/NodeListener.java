package dev.sslplane.fleet.node;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import dev.sslplane.fleet.mongod.TlsMode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * A node's MongoDB-wire listener. mongo-java-server's {@code MongoServer} is TLS-only once TLS is on, so the
 * node builds the same pipeline itself behind a {@link TlsGate} that applies mongod's mode rules.
 */
final class NodeListener {

    private final Channel channel;
    private final ChannelGroup clients;

    private NodeListener(Channel channel, ChannelGroup clients) {
        this.channel = channel;
        this.clients = clients;
    }

    /** Binds and starts serving; throws when the port cannot be bound. */
    static NodeListener start(EventLoopGroup boss, EventLoopGroup workers, MongoBackend backend, String address,
                              int port, Supplier<TlsMode> mode, SslContext sslContextOrNull, ChannelGroup clients) {
        var bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .option(ChannelOption.SO_REUSEADDR, Boolean.TRUE)
                .localAddress(new InetSocketAddress(address, port))
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TlsGate(mode, sslContextOrNull));
                        ch.pipeline().addLast(new MongoWireReplyEncoder());
                        ch.pipeline().addLast(new MongoWireMessageEncoder());
                        ch.pipeline().addLast(new MongoWireProtocolHandler());
                        ch.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                        ch.pipeline().addLast(new MongoExceptionHandler());
                    }
                });
        Channel channel = bootstrap.bind().syncUninterruptibly().channel();
        return new NodeListener(channel, clients);
    }

    /** Stops accepting and drops every client connection, as a real restart does. */
    void stop() {
        channel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
    }
}
