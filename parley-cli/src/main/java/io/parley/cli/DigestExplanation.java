package io.parley.cli;

import io.parley.auth.DigestAnswer;
import io.parley.auth.DigestCalculation;
import io.parley.auth.DigestChallenge;
import io.parley.auth.DigestInput;
import java.io.PrintWriter;

/** Prints the steps of a digest computation for {@code parley digest --explain}. */
final class DigestExplanation {

    private DigestExplanation() {
    }

    static void print(PrintWriter out, DigestChallenge challenge, String username, String password, DigestAnswer answer) {
        DigestInput input = answer.input();
        DigestCalculation calculation = answer.calculation();
        String hash = "H=" + input.algorithm().jcaName();
        out.println("  algorithm = " + input.algorithm().ianaName() + " (" + hash + ")");
        out.println("  A1        = " + username + ":" + challenge.realm() + ":" + password);
        if (input.algorithm().isSession()) {
            out.println("  HA1       = H(H(A1):nonce:cnonce) = " + calculation.ha1());
        } else {
            out.println("  HA1       = H(A1) = " + calculation.ha1());
        }
        out.println("  A2        = " + calculation.a2());
        out.println("  HA2       = H(A2) = " + calculation.ha2());
        out.println("  hashed    = " + calculation.hashedString());
        out.println("  response  = H(hashed) = " + calculation.response());
    }
}
