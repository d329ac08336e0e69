package io.parley.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Receives what a parser produced for one message: the start line, every header name, and the
 * values a stack reads on receipt. Benchmarks pass them to a {@link Blackhole}; set-ups record them
 * to check that a library parsed the message.
 */
interface FieldSink {

    /** Drops everything, for set-ups that read a message only to leave it in its read state. */
    FieldSink IGNORED = new FieldSink() {
        @Override
        public void field(String name, Object value) {
        }

        @Override
        public void number(String name, long value) {
        }

        @Override
        public void headerName(Object name) {
        }
    };

    void field(String name, Object value);

    void number(String name, long value);

    void headerName(Object name);

    /** Passes everything to a Blackhole, so that the JIT cannot drop the work that produced it. */
    record Consuming(Blackhole blackhole) implements FieldSink {

        @Override
        public void field(String name, Object value) {
            blackhole.consume(value);
        }

        @Override
        public void number(String name, long value) {
            blackhole.consume(value);
        }

        @Override
        public void headerName(Object name) {
            blackhole.consume(name);
        }
    }

    /** Records the values as text and the header names in lower case, for the set-up checks. */
    final class Recording implements FieldSink {

        final Map<String, String> fields = new LinkedHashMap<>();
        final TreeSet<String> headerNames = new TreeSet<>();

        @Override
        public void field(String name, Object value) {
            fields.put(name, String.valueOf(value));
        }

        @Override
        public void number(String name, long value) {
            fields.put(name, Long.toString(value));
        }

        @Override
        public void headerName(Object name) {
            headerNames.add(String.valueOf(name).toLowerCase(Locale.ROOT));
        }

        /** Throws when a recorded value differs from {@code message}'s expected one, naming the library. */
        void check(String library, SampleMessage message) {
            for (Map.Entry<String, String> entry : message.expected().entrySet()) {
                String actual = fields.get(entry.getKey());
                if (!entry.getValue().equals(actual)) {
                    throw new IllegalStateException(library + " read " + entry.getKey() + " of " + message
                            + " as '" + actual + "', expected '" + entry.getValue() + "'");
                }
            }
            if (!headerNames.equals(message.headerNames())) {
                throw new IllegalStateException(library + " reported the header names " + headerNames + " for "
                        + message + ", expected " + message.headerNames());
            }
        }
    }
}
