package dev.sslplane.contracts.model;

/** Whether SSL is switched on for an instance. */
public enum SslStatus {
    ENABLED,
    DISABLED
}
