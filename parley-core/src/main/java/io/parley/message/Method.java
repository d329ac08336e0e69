package io.parley.message;

import java.util.Objects;

/**
 * A request method. Methods are case-sensitive tokens (RFC 3261 section 7.1), so {@code invite} is
 * an extension method and not {@link #INVITE}.
 *
 * @param name the method token
 */
public record Method(String name) {

    public static final Method ACK = new Method("ACK");
    public static final Method BYE = new Method("BYE");
    public static final Method CANCEL = new Method("CANCEL");
    public static final Method INFO = new Method("INFO");
    public static final Method INVITE = new Method("INVITE");
    public static final Method MESSAGE = new Method("MESSAGE");
    public static final Method NOTIFY = new Method("NOTIFY");
    public static final Method OPTIONS = new Method("OPTIONS");
    public static final Method PRACK = new Method("PRACK");
    public static final Method PUBLISH = new Method("PUBLISH");
    public static final Method REFER = new Method("REFER");
    public static final Method REGISTER = new Method("REGISTER");
    public static final Method SUBSCRIBE = new Method("SUBSCRIBE");
    public static final Method UPDATE = new Method("UPDATE");

    private static final Method[] STANDARD = {
        ACK, BYE, CANCEL, INFO, INVITE, MESSAGE, NOTIFY, OPTIONS, PRACK, PUBLISH, REFER, REGISTER,
        SUBSCRIBE, UPDATE
    };

    public Method {
        Objects.requireNonNull(name, "name");
        if (!SipChars.isToken(name)) {
            throw new IllegalArgumentException("method '" + name + "' is not a token; use letters, digits and -.!%*_+`'~");
        }
    }

    /** Returns the constant for a standard method, or a new extension method. */
    public static Method of(String name) {
        for (Method method : STANDARD) {
            if (method.name.equals(name)) {
                return method;
            }
        }
        return new Method(name);
    }

    /** Returns whether this method is defined by RFC 3261 or a later standards-track RFC listed here. */
    public boolean isStandard() {
        for (Method method : STANDARD) {
            if (method.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
