package dev.sslplane.fleet.node;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/**
 * A MongoDB-wire listener of one node. mongo-java-server's own {@code MongoServer} is TLS-only once TLS is on,
 * so the node builds the same pipeline itself and puts Netty's {@link OptionalSslHandler} first: a connection
 * that opens with a TLS ClientHello gets TLS, any other is served plain (MongoDB's {@code preferTLS}).
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
                              int port, SslContext sslContextOrNull) {
        ChannelGroup clients = new DefaultChannelGroup("node-" + port, workers.next());
        var bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .localAddress(new InetSocketAddress(address, port))
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContextOrNull != null) {
                            ch.pipeline().addLast(new OptionalSslHandler(sslContextOrNull));
                        }
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

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting and drops every client connection, as a real restart does. */
    void stop() {
        channel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
    }
}
