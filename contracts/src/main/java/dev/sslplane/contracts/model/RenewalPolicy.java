package dev.sslplane.contracts.model;

/**
 * Whether an instance's node certificates are renewed without a command once one is due ({@link ExpiryState}
 * RENEW_SOON or EXPIRED). The CA is never rotated automatically, whatever the policy.
 */
public enum RenewalPolicy {
    /** Only a command renews (the default, and what instances registered before the policy existed have). */
    OFF,
    /** A due renewal is scheduled for the instance's maintenance window, which must be set. */
    IN_MAINTENANCE_WINDOW
}
