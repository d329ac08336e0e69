package io.parley.registrar;

import io.parley.location.ContactChange;
import io.parley.location.RegisterRequest;
import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the Contact and Expires headers of a REGISTER into the change to apply (RFC 3261 section
 * 10.3 steps 6 and 7), or the response that rejects them.
 */
final class ContactPlanner {

    private static final String INSTANCE_PARAMETER = "+sip.instance";
    private static final String REG_ID_PARAMETER = "reg-id";

    private final RegistrarConfig.Expiry expiry;

    ContactPlanner(RegistrarConfig.Expiry expiry) {
        this.expiry = expiry;
    }

    /** The result of planning: the store update, or a rejection. */
    sealed interface Plan {}

    /** The contacts are valid; {@code update} goes to the location store. */
    record Accepted(RegisterRequest.Update update) implements Plan {}

    /**
     * The contacts are rejected.
     *
     * @param status 400 or 423
     * @param reason a short machine-readable reason for logs
     * @param detail the problem in words, naming the value
     */
    record Rejected(int status, String reason, String detail) implements Plan {}

    /**
     * Plans the change for {@code request}. The Expires header is read only when the wildcard or a
     * contact without an expires parameter needs it, so a malformed one that nothing uses is ignored
     * (RFC 3261 section 16.3).
     *
     * @throws io.parley.message.MalformedHeaderException if an Expires header that is needed is malformed
     */
    Plan plan(SipRequest request) {
        List<Contact> contacts = request.contacts();
        boolean wildcard = contacts.stream().anyMatch(Contact::isWildcard);
        if (wildcard) {
            return planWildcard(contacts, request.expires());
        }

        List<ContactChange> changes = new ArrayList<>(contacts.size());
        for (Contact contact : contacts) {
            OptionalLong own = contact.expires();
            long requested = own.isPresent() ? own.getAsLong() : request.expires().orElse(expiry.defaultSeconds());
            // RFC 3261 section 10.3 step 7: a non-zero expiry below the minimum gets 423 and Min-Expires.
            if (requested > 0 && requested < expiry.minSeconds()) {
                return new Rejected(423, "interval-too-brief", "expiry " + requested + " s of contact "
                        + contact.format() + " is below the minimum of " + expiry.minSeconds() + " s");
            }
            Optional<Rejected> invalid = addChange(contact.address(), requested, changes);
            if (invalid.isPresent()) {
                return invalid.get();
            }
        }
        return new Accepted(new RegisterRequest.Contacts(changes));
    }

    /** RFC 3261 section 10.3 step 6: {@code *} is valid only alone and with Expires: 0. */
    private static Plan planWildcard(List<Contact> contacts, OptionalLong expiresHeader) {
        if (contacts.size() > 1) {
            return new Rejected(400, "wildcard-not-alone",
                    "Contact * must be the only Contact, but the request has " + contacts.size());
        }
        if (expiresHeader.isEmpty() || expiresHeader.getAsLong() != 0) {
            String found = expiresHeader.isEmpty() ? "none" : String.valueOf(expiresHeader.getAsLong());
            return new Rejected(400, "wildcard-without-expires-0",
                    "Contact * needs Expires: 0, but the Expires header is " + found);
        }
        return new Accepted(new RegisterRequest.RemoveAll());
    }

    /** Adds the change for one contact to {@code changes}, or returns the rejection of its parameters. */
    private Optional<Rejected> addChange(NameAddress address, long requested, List<ContactChange> changes) {
        String contactUri = address.uri().format();
        Optional<String> qText = address.parameter("q");
        BigDecimal q = null;
        if (qText.isPresent()) {
            q = parseQ(qText.get());
            if (q == null) {
                return Optional.of(new Rejected(400, "invalid-q", "q \"" + qText.get() + "\" of contact " + contactUri
                        + " is invalid; expected a value from 0 to 1 with at most 3 decimals"));
            }
        }
        Optional<String> regIdText = address.parameter(REG_ID_PARAMETER);
        Integer regId = null;
        if (regIdText.isPresent()) {
            regId = parseRegId(regIdText.get());
            if (regId == null) {
                return Optional.of(new Rejected(400, "invalid-reg-id", "reg-id \"" + regIdText.get() + "\" of contact "
                        + contactUri + " is invalid; expected an integer from 1 to 2^31-1 (RFC 5626 section 4.2)"));
            }
        }
        String instance = address.parameter(INSTANCE_PARAMETER).map(ContactPlanner::unquote).orElse(null);
        long granted = requested == 0 ? 0 : expiry.grant(requested);
        changes.add(new ContactChange(contactUri, granted, q, instance, regId));
        return Optional.empty();
    }

    private static BigDecimal parseQ(String text) {
        try {
            BigDecimal q = new BigDecimal(text);
            boolean valid = q.signum() >= 0 && q.compareTo(BigDecimal.ONE) <= 0 && q.stripTrailingZeros().scale() <= 3;
            return valid ? q : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseRegId(String text) {
        try {
            int regId = Integer.parseInt(text);
            return regId >= 1 ? regId : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
