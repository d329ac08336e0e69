package io.parley.location;

/**
 * A location store failed to open or to commit. A registrar responds to the REGISTER with 500
 * (RFC 3261 section 10.3 step 7).
 */
public class LocationStoreException extends RuntimeException {

    public LocationStoreException(String message) {
        super(message);
    }

    public LocationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
