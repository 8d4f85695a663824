package dev.sslplane.contracts.messaging;

/** Optional body of a rotate command: {@code holdOldCa} = wait for clients after the second pass. */
public record RotateCertificateRequest(Boolean holdOldCa) {

    public boolean holdOldCaOrDefault() {
        return Boolean.TRUE.equals(holdOldCa);
    }
}
