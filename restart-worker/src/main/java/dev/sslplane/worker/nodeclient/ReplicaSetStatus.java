package dev.sslplane.worker.nodeclient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A member's {@code replSetGetStatus} answer: the set as that member sees it through its heartbeats. */
public record ReplicaSetStatus(String set, List<MemberStatus> members) {

    public ReplicaSetStatus {
        members = List.copyOf(members);
    }

    /**
     * One member as seen by the answering member.
     *
     * @param name          {@code host:port}
     * @param healthy       {@code health: 1}
     * @param stateStr      PRIMARY, SECONDARY, RECOVERING, (not reachable/healthy), ...
     * @param optime        the member's last applied operation time, or null when unknown
     * @param lastHeartbeatMessage why the last heartbeat to it failed, if it did
     */
    public record MemberStatus(String name, boolean healthy, String stateStr, Instant optime, boolean self,
                               String lastHeartbeatMessage) {

        public boolean isPrimary() {
            return "PRIMARY".equals(stateStr);
        }
    }

    public List<MemberStatus> primaries() {
        return members.stream().filter(MemberStatus::isPrimary).toList();
    }

    public Optional<MemberStatus> member(String address) {
        return members.stream().filter(m -> m.name().equals(address)).findFirst();
    }

    /** How far {@code member} is behind {@code primary}; zero when either optime is unknown or it is ahead. */
    public static Duration lag(MemberStatus primary, MemberStatus member) {
        if (primary.optime() == null || member.optime() == null || member.optime().isAfter(primary.optime())) {
            return Duration.ZERO;
        }
        return Duration.between(member.optime(), primary.optime());
    }
}
