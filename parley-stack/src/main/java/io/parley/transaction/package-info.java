/**
 * The transaction layer of RFC 3261 section 17 with RFC 6026, and {@link io.parley.transaction.SipStack},
 * the facade a user agent embeds. Timers run on a {@link io.parley.transaction.TimerScheduler}, so tests
 * drive them with {@link io.parley.transaction.ManualTimerScheduler}.
 */
package io.parley.transaction;
