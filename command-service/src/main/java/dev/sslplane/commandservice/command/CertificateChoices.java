package dev.sslplane.commandservice.command;

import java.time.Duration;

/**
 * What an operation's certificates are issued with: the request's options, the deployment's settings for the rest,
 * checked against the bounds ({@link CertificatePolicy}).
 *
 * @param caKeyAlgorithm          label of the new CA's key algorithm ({@code CertificateOptions.KEY_ALGORITHMS})
 * @param caValidity              validity of the new CA
 * @param nodeCertificateValidity validity of each node certificate signed in the operation
 */
public record CertificateChoices(String caKeyAlgorithm, Duration caValidity, Duration nodeCertificateValidity) {
}
