package dev.sslplane.contracts.model;

/** How close a certificate is to the end of its validity. */
public enum ExpiryState {
    OK,
    /** Past the renewal point ({@link ExpiryPolicy}): renew now, while every client still trusts it. */
    RENEW_SOON,
    EXPIRED
}
