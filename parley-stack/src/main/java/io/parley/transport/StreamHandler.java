package io.parley.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.message.SipResponse;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParserLimits;
import io.parley.parser.StreamFramer;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads SIP messages from one TCP or TLS connection through a {@link StreamFramer}, and replies to
 * CRLFCRLF pings with a CRLF pong (RFC 5626 section 3.5.1).
 */
final class StreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

    static final byte[] PING = {'\r', '\n', '\r', '\n'};
    static final byte[] PONG = {'\r', '\n'};

    private final Transport transport;
    private final InboundProcessor processor;
    private final StreamFramer framer;
    private final BiConsumer<SipResponse, Flow> reply;
    /**
     * The bytes fed to the framer and not yet returned, kept to build an error response for a
     * rejected request. NOTE: StreamFramer's rejection carries no message bytes, so this copy
     * duplicates its buffer.
     */
    private byte[] pending = new byte[0];

    StreamHandler(Transport transport, InboundProcessor processor, ParserLimits limits,
            BiConsumer<SipResponse, Flow> reply) {
        this.transport = transport;
        this.processor = processor;
        this.framer = new StreamFramer(limits, HeaderChecks.CORE);
        this.reply = reply;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf buffer = (ByteBuf) message;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
        Flow flow = new Flow(transport, (InetSocketAddress) context.channel().localAddress(),
                (InetSocketAddress) context.channel().remoteAddress());
        try {
            answerKeepAlive(context, bytes);
            read(context, bytes, flow);
        } catch (RuntimeException e) {
            // Event-loop boundary: log and close this connection; the listener goes on.
            LOG.error("failed to process bytes on {} ({}); closing the connection", flow, Diagnostics.describe(pending), e);
            context.close();
        }
    }

    /**
     * Sends a pong for a ping that starts a read between messages. A pong we receive is skipped like any CRLF.
     * NOTE: a ping split across two reads gets no pong. A missing pong does not mark the flow as
     * failed (RFC 5626 section 4.4.1), so the connection stays until TCP reports an error.
     */
    private void answerKeepAlive(ChannelHandlerContext context, byte[] bytes) {
        if (framer.state() != StreamFramer.State.AWAITING_MESSAGE || framer.buffered() > 0) {
            return;
        }
        int run = 0;
        while (run < bytes.length && (bytes[run] == '\r' || bytes[run] == '\n')) {
            run++;
        }
        if (run >= PING.length) {
            context.writeAndFlush(Unpooled.wrappedBuffer(PONG));
        }
    }

    private void read(ChannelHandlerContext context, byte[] bytes, Flow flow) {
        framer.feed(bytes);
        pending = concat(pending, bytes);
        while (true) {
            MessageParseResult result = framer.next();
            int consumed = pending.length - framer.buffered();
            byte[] messageBytes = Arrays.copyOf(pending, consumed);
            pending = Arrays.copyOfRange(pending, consumed, pending.length);
            if (result instanceof MessageParseResult.NeedMoreData) {
                return;
            }
            processor.process(result, messageBytes, flow, reply);
            if (framer.state() == StreamFramer.State.BROKEN) {
                LOG.warn("closing {}: stream framing is broken", flow);
                context.close();
                return;
            }
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first.length == 0) {
            return second;
        }
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.warn("{} connection {} -> {} failed; closing it: {}", transport, context.channel().localAddress(),
                context.channel().remoteAddress(), cause.toString());
        context.close();
    }
}
