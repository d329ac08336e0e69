package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code parley demo} in-process: a real registrar and user agent over loopback UDP. */
class DemoCommandTest {

    @Test
    void registersAndUnregistersStepByStep() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int status = commandLine.execute("demo");

        String text = out.toString();
        assertThat(status).as("exit status, stderr: %s", err).isZero();
        assertThat(text).contains("== step 1: started a registrar on udp 127.0.0.1:");
        assertThat(text).contains("== step 2: registering sip:demo@127.0.0.1");
        assertThat(text).contains("== step 3: registered, then unregistered");
        assertThat(text.indexOf("== step 1")).isLessThan(text.indexOf("== step 2"));
        assertThat(text.indexOf("== step 2")).isLessThan(text.indexOf("SIP/2.0 401 Unauthorized"));
        assertThat(text.indexOf("SIP/2.0 401 Unauthorized")).isLessThan(text.indexOf("SIP/2.0 200 OK"));
        assertThat(text.indexOf("SIP/2.0 200 OK")).isLessThan(text.indexOf("== step 3"));
        assertThat(text).contains("algorithm=SHA-256").contains("qop=auth").contains("Expires: 0");
        assertThat(text).contains("response=\"***\"").doesNotContainPattern("response=\"[0-9a-f]{64}\"");
    }
}
