package io.parley.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.parley.message.SipResponse;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParserLimits;
import io.parley.parser.SipParser;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads SIP messages from UDP datagrams, one message per datagram (RFC 3261 section 18.3). */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramHandler.class);

    private final InboundProcessor processor;
    private final ParserLimits limits;
    private final BiConsumer<SipResponse, Flow> reply;
    /**
     * The flow of the previous datagram, reused while datagrams keep coming from the same peer. A
     * server keeps each request's flow with its transaction for Timer J, 32 s, and a busy peer such
     * as a proxy or a load generator sends thousands a second. Only the event loop thread uses it.
     */
    private Flow lastFlow;

    DatagramHandler(InboundProcessor processor, ParserLimits limits, BiConsumer<SipResponse, Flow> reply) {
        this.processor = processor;
        this.limits = limits;
        this.reply = reply;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        Flow flow = flowOf(context, packet.sender());
        if (isKeepAlive(bytes)) {
            LOG.trace("keep-alive datagram from {}", flow.remote());
            return;
        }
        try {
            MessageParseResult result = SipParser.parseDatagram(bytes, 0, bytes.length, limits, HeaderChecks.CORE);
            processor.process(result, bytes, flow, reply);
        } catch (RuntimeException e) {
            // Event-loop boundary: one bad datagram or handler must not stop the listener.
            LOG.error("failed to process a datagram from {} ({}); dropped", flow, Diagnostics.describe(bytes), e);
        }
    }

    private Flow flowOf(ChannelHandlerContext context, InetSocketAddress sender) {
        Flow last = lastFlow;
        if (last != null && last.remote().equals(sender)) {
            return last;
        }
        InetSocketAddress local = (InetSocketAddress) context.channel().localAddress();
        Flow flow = new Flow(Transport.UDP, local, sender);
        lastFlow = flow;
        return flow;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.warn("UDP listener {} failed to read a datagram; it keeps listening", context.channel().localAddress(),
                cause);
    }

    /** Returns whether the datagram holds only CR and LF, the keep-alive some peers send over UDP. */
    private static boolean isKeepAlive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
