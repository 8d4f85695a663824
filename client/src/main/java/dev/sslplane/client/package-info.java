/**
 * The Java client of sslplane, for other services: {@link dev.sslplane.client.SslplaneClient} over the command and
 * query services' REST APIs, and {@link dev.sslplane.client.kafka.KafkaCommandPublisher} for commands through Kafka.
 *
 * <pre>{@code
 * var client = new SslplaneClient(ClientSettings.local(() -> System.getenv("SSLPLANE_TOKEN"))
 *         .withUrls(URI.create("http://commands:8081"), URI.create("http://queries:8082")));
 * try {
 *     OperationAccepted op = client.commands().enable("rs-orders", new EnableSslRequest(false), "orders-enable-1");
 *     Operation done = client.queries().follow("rs-orders", op.operationId(), Duration.ofMinutes(30),
 *             o -> log.info("{} {}/{}", o.phase(), o.stepsDone(), o.stepsTotal()));
 *     Files.writeString(Path.of("rs-orders-ca.pem"), client.queries().caPem("rs-orders"));
 * } catch (RefusedException e) {              // 409/422: e.code() == ErrorCode.SSL_ALREADY_ENABLED, …
 *     log.warn("not now: {} {}", e.codeName(), e.problem().words());
 * }
 * }</pre>
 *
 * <p><b>Commands over REST</b> carry an {@code Idempotency-Key} (yours, or a fresh one per call); 429 and 503 answers
 * are retried after their {@code Retry-After} with the same key, so a retry never starts a second operation.
 * Refusals are {@link dev.sslplane.client.ProblemException}s whose subclass says the kind (refused, not found,
 * unauthenticated, forbidden, invalid, rate limited, service trouble) and whose {@code code()} is the contracts'
 * {@link dev.sslplane.contracts.error.ErrorCode} (a code this version does not know is still in {@code codeName()}).
 *
 * <p><b>Commands over Kafka</b>: {@code publisher.enable("rs-orders", null).awaitAccepted(Duration.ofSeconds(30))}
 * answers the operation id, or throws the same exception a REST refusal would.
 *
 * <p><b>Following progress</b> goes through the query service's operation stream (server-sent events) for both
 * paths, not through {@code ssl.restart-progress}: that topic is the worker's internal report channel to the command
 * service (its only consumer; Kafka ACLs give other services no read access), and its records are raw reports that
 * the aggregate may still ignore (duplicates, an old attempt's). The stream is the public, authenticated
 * ({@code viewer}), instance-scoped API, and each of its events is the operation as folded from the event store.
 */
package dev.sslplane.client;
