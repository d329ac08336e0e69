/**
 * SIP transports on Netty (RFC 3261 section 18): UDP, TCP and TLS listeners and connections, Via
 * sent-by, {@code received} and {@code rport} (RFC 3581), response routing, connection reuse and
 * CRLF keep-alive (RFC 5626 section 3.5.1). {@link io.parley.transport.NettyTransport} is the
 * implementation of {@link io.parley.transport.SipTransport}.
 */
package io.parley.transport;
