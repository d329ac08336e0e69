package io.parley.message;

/** Reason phrases: the defaults of RFC 3261 section 21 and common extensions, and those of 400s for malformed parts. */
public final class StatusCodes {

    private StatusCodes() {
    }

    /**
     * Returns a reason phrase for a 400 to a request with a malformed part, such as
     * {@code Bad Via: missing sent-by host}, or {@code reason} alone when {@code header} is empty. A
     * header name over 32 characters is shortened, and the phrase is cut at 80 characters.
     */
    public static String badRequestPhrase(String header, String reason) {
        String name = header.length() <= 32 ? header : header.substring(0, 29) + "...";
        String phrase = header.isEmpty() ? reason : "Bad " + name + ": " + reason;
        return phrase.length() <= 80 ? phrase : phrase.substring(0, 77) + "...";
    }

    /** Returns the default reason phrase of a status code, or a class phrase such as {@code Client Error}. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 181 -> "Call Is Being Forwarded";
            case 182 -> "Queued";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 301 -> "Moved Permanently";
            case 302 -> "Moved Temporarily";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Unsupported URI Scheme";
            case 420 -> "Bad Extension";
            case 421 -> "Extension Required";
            case 423 -> "Interval Too Brief";
            case 480 -> "Temporarily Unavailable";
            case 481 -> "Call/Transaction Does Not Exist";
            case 482 -> "Loop Detected";
            case 483 -> "Too Many Hops";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 504 -> "Server Time-out";
            case 505 -> "Version Not Supported";
            case 513 -> "Message Too Large";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            case 604 -> "Does Not Exist Anywhere";
            case 606 -> "Not Acceptable";
            default -> classPhrase(status);
        };
    }

    private static String classPhrase(int status) {
        return switch (status / 100) {
            case 1 -> "Provisional";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            case 6 -> "Global Failure";
            default -> "Unknown";
        };
    }
}
