/**
 * The embeddable user agent. {@link io.parley.ua.RegistrationClient} keeps an address-of-record
 * registered (RFC 3261 section 10.2) and reports {@link io.parley.ua.RegistrationEvent}s; it sends
 * through a {@link io.parley.ua.RequestChannel}, which {@link io.parley.ua.StackRequestChannel}
 * implements on Parley's own stack, and runs on a {@link io.parley.ua.TaskScheduler}, so tests
 * drive it with a clock they advance by hand.
 */
package io.parley.ua;
