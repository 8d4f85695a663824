package dev.sslplane.fleet.replset;

import java.time.Instant;

/** One member as another member (or itself) sees it, the material of a replSetGetStatus entry. */
public record MemberStatus(
        int id,
        String name,
        String hostPort,
        boolean health,
        String stateStr,
        Optime optime,
        boolean self,
        boolean hidden,
        Instant lastHeartbeat,
        String lastHeartbeatMessage) {

    public int state() {
        return switch (stateStr) {
            case "PRIMARY" -> 1;
            case "SECONDARY" -> 2;
            case "RECOVERING" -> 3;
            case "STARTUP2" -> 5;
            default -> 8;
        };
    }
}
