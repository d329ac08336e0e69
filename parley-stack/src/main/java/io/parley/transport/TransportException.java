package io.parley.transport;

import java.io.IOException;

/** A message could not be sent: no listener for the transport, a refused connection, or a failed write. */
public class TransportException extends IOException {

    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
