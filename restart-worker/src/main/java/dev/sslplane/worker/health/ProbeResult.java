package dev.sslplane.worker.health;

/** Outcome of one health probe; {@code reason} says what was wrong when not {@code healthy}. */
public record ProbeResult(boolean healthy, String reason) {

    public static ProbeResult ok() {
        return new ProbeResult(true, null);
    }

    public static ProbeResult unhealthy(String reason) {
        return new ProbeResult(false, reason);
    }
}
