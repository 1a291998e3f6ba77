package io.mimamori.connector.syslog.internal.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;

/**
 * Reports a failed TLS handshake once as tls_handshake_failed and closes the connection; leaves the
 * pipeline once the handshake succeeds.
 */
final class TlsHandshakeReporter extends ChannelInboundHandlerAdapter {

    private final ProblemReporter problems;

    TlsHandshakeReporter(ProblemReporter problems) {
        this.problems = problems;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ctx.fireUserEventTriggered(evt);
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                InetSocketAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress address
                        ? address
                        : null;
                problems.report(peer, Transport.TLS, "tls_handshake_failed", handshake.cause());
                ctx.close();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Before the handshake completes, every failure ends it and is reported through its completion event.
        ctx.close();
    }
}
