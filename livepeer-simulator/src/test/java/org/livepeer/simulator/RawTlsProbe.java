package org.livepeer.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.TimeUnit;

/** Opens one TLS connection and returns the DER bytes of the certificate the server presented. */
public final class RawTlsProbe {

    private RawTlsProbe() {}

    public static byte[] presentedCertificate(String host, int port) throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            SslContext context = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.OPENSSL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(context.newHandler(ch.alloc(), host, port));
                        }
                    })
                    .connect(host, port)
                    .sync()
                    .channel();
            try {
                SslHandler tls = channel.pipeline().get(SslHandler.class);
                if (!tls.handshakeFuture().await(10, TimeUnit.SECONDS)
                        || !tls.handshakeFuture().isSuccess()) {
                    throw new IllegalStateException(
                            "no TLS handshake with " + host + ":" + port,
                            tls.handshakeFuture().cause());
                }
                return tls.engine().getSession().getPeerCertificates()[0].getEncoded();
            } finally {
                channel.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
