package io.parley.registrar;

import io.parley.location.Binding;
import io.parley.location.BindingChange;
import io.parley.location.LocationStoreException;
import io.parley.location.RegisterRequest;
import io.parley.location.RegisterResult;
import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.parser.ParseResult;
import io.parley.parser.SipParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The processing of one REGISTER, in the order of RFC 3261 section 10.3. */
final class RegisterExchange {

    private final Registrar registrar;
    private final SipRequest request;
    private final RequestSource source;
    private final Instant now;

    private RegisterExchange(Registrar registrar, SipRequest request, RequestSource source) {
        this.registrar = registrar;
        this.request = request;
        this.source = source;
        this.now = registrar.now();
    }

    /**
     * Processes {@code request}. The future completes with the response only after the store has
     * committed any change, on the store's thread when it has one.
     */
    static CompletableFuture<SipResponse> run(Registrar registrar, SipRequest request, RequestSource source) {
        return new RegisterExchange(registrar, request, source).process();
    }

    private CompletableFuture<SipResponse> process() {
        // Step 1: the Request-URI names a served domain. Step 2: every required extension is supported.
        // Steps 3 and 4: the user is authenticated and registers its own AOR. Step 5: To is a SIP AOR.
        Optional<SipResponse> rejection = checkRequestUri()
                .or(() -> registrar.checkRequire(request, source))
                .or(this::authenticateAndAuthorize)
                .or(this::checkAddressOfRecord);
        if (rejection.isPresent()) {
            return CompletableFuture.completedFuture(rejection.get());
        }

        // Steps 6 and 7: contacts, expiry, then the store applies the whole request or nothing.
        AddressOfRecord aor = AddressOfRecord.of(request.to().uri());
        return switch (registrar.contactPlanner().plan(request)) {
            case ContactPlanner.Rejected rejected -> CompletableFuture.completedFuture(rejectContacts(rejected));
            case ContactPlanner.Accepted accepted -> store(aor, accepted.update());
        };
    }

    /** Runs steps 3 and 4; empty when the registrar does not authenticate or the user may go on. */
    private Optional<SipResponse> authenticateAndAuthorize() {
        if (registrar.digest().isEmpty()) {
            return Optional.empty();
        }
        DigestGate gate = registrar.digest().get();
        return switch (gate.authenticate(request, source, now)) {
            case DigestGate.Authenticated authenticated -> checkOwnAor(authenticated.username());
            case DigestGate.Challenge challenge -> Optional.of(challenge(gate, challenge));
            case DigestGate.Forbidden forbidden -> Optional.of(
                    registrar.rejection(request, source, 403, forbidden.reason(), forbidden.detail()).build());
        };
    }

    /** Runs step 5: To must contain a SIP or SIPS AOR with a user part in a served domain. */
    private Optional<SipResponse> checkAddressOfRecord() {
        Uri toUri = request.to().uri();
        if (!AddressOfRecord.isSipUri(toUri)) {
            return Optional.of(reject(400, "to-not-sip-aor", "To URI " + toUri.format()
                    + " is not a SIP or SIPS URI, so it cannot be an address-of-record"));
        }
        return checkAorDomain(AddressOfRecord.of(toUri));
    }

    private Optional<SipResponse> checkRequestUri() {
        Uri requestUri = request.requestUri();
        if (!(requestUri instanceof SipUri)) {
            // RFC 3261 section 8.2.2.1: a Request-URI scheme the server does not handle gets 416.
            return Optional.of(reject(416, "request-uri-not-sip", "Request-URI " + requestUri.format()
                    + " is not a SIP or SIPS URI"));
        }
        if (!registrar.servesRequestUri(requestUri)) {
            return Optional.of(reject(registrar.config().unknownDomainStatus(), "domain-not-served",
                    "Request-URI domain " + ((SipUri) requestUri).host() + " is not served here; serving "
                    + registrar.config().domains()));
        }
        return Optional.empty();
    }

    private Optional<SipResponse> checkOwnAor(String user) {
        Uri toUri = request.to().uri();
        boolean own = AddressOfRecord.isSipUri(toUri) && AddressOfRecord.of(toUri).user().equals(user)
                && registrar.config().serves(((SipUri) toUri).host());
        if (own) {
            return Optional.empty();
        }
        return Optional.of(reject(403, "aor-not-owned", "user " + user + " may register only its own AOR, not "
                + toUri.format()));
    }

    private Optional<SipResponse> checkAorDomain(AddressOfRecord aor) {
        if (aor.user().isEmpty()) {
            return Optional.of(reject(404, "aor-without-user", "To URI " + aor.uri().format()
                    + " has no user part, so it names no address-of-record"));
        }
        if (!registrar.config().serves(aor.domain())) {
            return Optional.of(reject(registrar.config().unknownDomainStatus(), "aor-domain-not-served",
                    "AOR domain " + aor.domain() + " is not served here; serving " + registrar.config().domains()));
        }
        return Optional.empty();
    }

    private SipResponse challenge(DigestGate gate, DigestGate.Challenge challenge) {
        SipResponse.Builder builder;
        if (challenge.reason().isPresent()) {
            builder = registrar.rejection(request, source, gate.challengeStatus(), challenge.reason().get(),
                    challenge.detail());
        } else {
            Registrar.log().debug("challenged REGISTER aor={} source={}", request.to().uri().format(), source);
            builder = registrar.responses().start(request, gate.challengeStatus());
        }
        for (var value : gate.challenges(challenge.stale())) {
            if (gate.challengeStatus() == 401) {
                builder.addWwwAuthenticate(value);
            } else {
                builder.addProxyAuthenticate(value);
            }
        }
        return builder.build();
    }

    private SipResponse rejectContacts(ContactPlanner.Rejected rejected) {
        SipResponse.Builder builder = registrar.rejection(request, source, rejected.status(), rejected.reason(),
                rejected.detail());
        if (rejected.status() == 423) {
            builder.minExpires(registrar.config().expiry().minSeconds());
        }
        return builder.build();
    }

    private CompletableFuture<SipResponse> store(AddressOfRecord aor, RegisterRequest.Update update) {
        RegisterRequest storeRequest = new RegisterRequest(aor.canonical(), request.callId(), request.cseq().sequence(),
                update, source.address(), source.transport(), request.userAgent().orElse(null), now,
                registrar.config().maxBindingsPerAor());
        CompletableFuture<RegisterResult> stored;
        try {
            stored = registrar.store().registerAsync(storeRequest);
        } catch (LocationStoreException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.handle((result, failure) -> failure == null ? answer(result) : storeFailed(aor, failure));
    }

    private SipResponse answer(RegisterResult result) {
        return switch (result) {
            case RegisterResult.Applied applied -> success(applied);
            case RegisterResult.OutOfOrder outOfOrder -> reject(400, "cseq-out-of-order", "contact "
                    + outOfOrder.contactUri() + " was last updated by CSeq " + outOfOrder.storedCseq()
                    + " of this Call-ID, so CSeq " + outOfOrder.requestCseq() + " is not applied");
            case RegisterResult.TooManyBindings tooMany -> reject(403, "too-many-bindings", "the AOR would have "
                    + tooMany.requestedBindings() + " bindings, above the limit of " + tooMany.maxBindings());
        };
    }

    /** Returns a 500 for a store failure, and rethrows any other failure, for which the caller sends a 500 too. */
    private SipResponse storeFailed(AddressOfRecord aor, Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (!(cause instanceof LocationStoreException)) {
            throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
        }
        Registrar.log().error("location store failed for REGISTER aor={} call-id={} source={}; answered 500",
                aor.canonical(), request.callId(), source, cause);
        return registrar.responses().startWithWarning(request, 500, "location-store-failed",
                "the binding was not saved; retry later").build();
    }

    /** RFC 3261 section 10.3 step 8: the 200 lists every current binding with its remaining expiry. */
    private SipResponse success(RegisterResult.Applied applied) {
        for (BindingChange change : applied.changes()) {
            Registrar.logChange(change);
        }
        List<Contact> contacts = new ArrayList<>(applied.bindings().size());
        for (Binding binding : applied.bindings()) {
            responseContact(binding, applied.remainingSeconds(binding)).ifPresent(contacts::add);
        }
        SipResponse.Builder builder = registrar.responses().start(request, 200).date(ResponseFactory.date(now));
        if (!contacts.isEmpty()) {
            builder.contacts(contacts);
        }
        return builder.build();
    }

    /**
     * Returns the Contact for {@code binding}. A contact of this request keeps its display name and
     * header parameters, such as an unknown contact-param; expires and q come from the binding.
     *
     * <p>NOTE: the location store keeps no contact-params other than q, +sip.instance and reg-id, so
     * bindings from earlier requests are listed without their other header parameters.
     */
    private Optional<Contact> responseContact(Binding binding, long remainingSeconds) {
        NameAddress address = null;
        for (Contact contact : request.contacts()) {
            if (!contact.isWildcard() && contact.address().uri().format().equals(binding.contactUri())) {
                address = contact.address().withoutParameter("expires").withoutParameter("q");
                break;
            }
        }
        if (address == null) {
            ParseResult<Uri> parsed = SipParser.parseUri(binding.contactUri());
            if (!(parsed instanceof ParseResult.Parsed<Uri> uri)) {
                Registrar.log().warn("stored contact {} of aor={} is not a valid URI; left out of the 200",
                        binding.contactUri(), binding.aor());
                return Optional.empty();
            }
            address = NameAddress.of(uri.value());
        }
        address = address.withParameter(new Parameter("expires", Long.toString(remainingSeconds)));
        if (binding.q() != null) {
            address = address.withParameter(new Parameter("q", binding.q().toPlainString()));
        }
        return Optional.of(Contact.of(address));
    }

    private SipResponse reject(int status, String reason, String detail) {
        return registrar.rejection(request, source, status, reason, detail).build();
    }
}
