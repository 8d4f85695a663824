package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;

/**
 * A node certificate just signed: the answer for the restart worker, and the public facts the aggregate records
 * ({@code NodeCertificateIssuedEvent}).
 *
 * @param answer      certificate and CA chain, PEM, as the worker installs them
 * @param certificate the leaf's public facts
 * @param caSerial    serial of the CA that signed it
 */
public record IssuedNodeCertificate(SignedCertificate answer, CertificateInfo certificate, String caSerial) {
}
