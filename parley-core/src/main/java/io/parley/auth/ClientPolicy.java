package io.parley.auth;

/**
 * Choices a digest client makes beyond what the challenge dictates.
 *
 * @param refuseMd5 skip MD5 and MD5-sess challenges, so a downgrade to MD5 fails instead
 * @param requireQop skip challenges without {@code qop}, so no RFC 2069 answer is ever sent
 * @param preferAuthInt answer {@code auth-int} whenever it is offered, not only when it is the sole option
 * @param maxStaleRetries how many {@code stale=true} challenges in a row are answered before giving up
 */
public record ClientPolicy(boolean refuseMd5, boolean requireQop, boolean preferAuthInt, int maxStaleRetries) {

    /**
     * Accepts every algorithm and the RFC 2069 form, prefers {@code auth}, and answers two stale
     * challenges in a row: one for a nonce that expired in flight, one more for clock skew or a
     * server restart, and a third means the server will never accept.
     */
    public static final ClientPolicy DEFAULT = new ClientPolicy(false, false, false, 2);

    public ClientPolicy {
        if (maxStaleRetries < 0) {
            throw new IllegalArgumentException("maxStaleRetries is " + maxStaleRetries + "; expected 0 or more");
        }
    }

    /** Returns whether a challenge may be answered under this policy. */
    boolean allows(DigestChallenge challenge) {
        if (refuseMd5 && challenge.algorithm().base() == DigestAlgorithm.MD5) {
            return false;
        }
        return !requireQop || challenge.qopOptions().isPresent();
    }
}
