/**
 * The messages every service of the SSL control plane agrees on: commands, events, worker progress
 * reports, Kafka topic and header names, and the one JSON codec that reads and writes them.
 *
 * <p>Everything here is public material. No type in this module may carry a private key.
 */
package dev.sslplane.contracts;
