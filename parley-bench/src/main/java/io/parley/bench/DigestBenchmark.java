package io.parley.bench;

import gov.nist.core.StackLogger;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import io.parley.auth.DigestAnswer;
import io.parley.auth.DigestChallenge;
import io.parley.auth.DigestCredentials;
import io.parley.auth.Qop;
import io.parley.message.AuthValue;
import io.parley.parser.AuthValueParser;
import io.parley.parser.ParseResult;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building one Authorization header for a REGISTER challenge with qop=auth and a cnonce from
 * SecureRandom, in Parley and in the JAIN-SIP RI 1.3.0-91.
 *
 * <p>The JAIN-SIP side calls {@code MessageDigestAlgorithm.calculateResponse}, the helper its
 * {@code AuthenticationHelperImpl} uses, then fills and encodes an {@code AuthorizationHeader}
 * as that class does. The helper is package-private, so it is reached through a method handle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DigestBenchmark {

    private static final String CHALLENGE_MD5 =
            "Digest realm=\"proximiti\",nonce=\"1110991143\",qop=\"auth\",algorithm=MD5";
    private static final String CHALLENGE_SHA256 =
            "Digest realm=\"proximiti\",nonce=\"1110991143\",qop=\"auth\",algorithm=SHA-256";
    private static final String REQUEST_URI = "sip:208.38.169.93";
    private static final byte[] NO_BODY = new byte[0];

    private final SecureRandom random = new SecureRandom();
    private final DigestCredentials credentials = new DigestCredentials("23", "4321");
    private DigestChallenge md5Challenge;
    private DigestChallenge sha256Challenge;

    private MethodHandle jainSipCalculateResponse;
    private StackLogger silentLogger;
    private HeaderFactoryImpl jainSipHeaders;
    private URI jainSipRequestUri;

    @Setup
    public void setUp() throws Throwable {
        md5Challenge = DigestChallenge.from(parse(CHALLENGE_MD5)).orElseThrow();
        sha256Challenge = DigestChallenge.from(parse(CHALLENGE_SHA256)).orElseThrow();

        Class<?> helper = Class.forName("gov.nist.javax.sip.clientauthutils.MessageDigestAlgorithm");
        Method method = helper.getDeclaredMethod("calculateResponse", String.class, String.class, String.class,
                String.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, StackLogger.class);
        method.setAccessible(true);
        jainSipCalculateResponse = MethodHandles.lookup().unreflect(method);
        // calculateResponse calls the logger without a null check, so it gets one that logs nothing.
        silentLogger = (StackLogger) Proxy.newProxyInstance(StackLogger.class.getClassLoader(),
                new Class<?>[] {StackLogger.class}, (proxy, called, args) -> defaultValue(called.getReturnType()));
        jainSipHeaders = new HeaderFactoryImpl();
        jainSipRequestUri = new AddressFactoryImpl().createURI(REQUEST_URI);

        String expected = "b1a07fd5d80fb8fb4c9c6898fed8bfe2";
        String parley = DigestAnswer.build(md5Challenge, credentials, Optional.of(Qop.AUTH), "1110991143", 1,
                "REGISTER", REQUEST_URI, NO_BODY).value().param("response").orElseThrow();
        String jainSip = jainSipResponse("1110991143");
        if (!parley.equals(expected) || !jainSip.equals(expected)) {
            throw new IllegalStateException("benchmark set-up computes the wrong digest: Parley " + parley
                    + ", JAIN-SIP " + jainSip + ", expected " + expected);
        }
    }

    @Benchmark
    public String parleyMd5() {
        return parleyAuthorization(md5Challenge);
    }

    @Benchmark
    public String parleySha256() {
        return parleyAuthorization(sha256Challenge);
    }

    @Benchmark
    public String jainSipMd5() throws Throwable {
        String cnonce = newCnonce();
        String response = jainSipResponse(cnonce);
        AuthorizationHeader header = jainSipHeaders.createAuthorizationHeader("Digest");
        header.setUsername("23");
        header.setRealm("proximiti");
        header.setNonce("1110991143");
        header.setURI(jainSipRequestUri);
        header.setResponse(response);
        header.setAlgorithm("MD5");
        header.setCNonce(cnonce);
        header.setQop("auth");
        header.setNonceCount(1);
        return header.toString();
    }

    private String parleyAuthorization(DigestChallenge challenge) {
        return DigestAnswer.build(challenge, credentials, Optional.of(Qop.AUTH), newCnonce(), 1, "REGISTER",
                REQUEST_URI, NO_BODY).value().format();
    }

    private String jainSipResponse(String cnonce) throws Throwable {
        return (String) jainSipCalculateResponse.invoke("MD5", "23", "proximiti", "4321", "1110991143",
                "00000001", cnonce, "REGISTER", REQUEST_URI, "", "auth", silentLogger);
    }

    private String newCnonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static AuthValue parse(String value) {
        if (AuthValueParser.parseChallengeOrCredentials(value) instanceof ParseResult.Parsed<AuthValue> parsed) {
            return parsed.value();
        }
        throw new IllegalStateException("benchmark challenge does not parse: " + value);
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
