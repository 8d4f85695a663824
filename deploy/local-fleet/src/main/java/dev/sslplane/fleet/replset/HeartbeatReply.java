package dev.sslplane.fleet.replset;

/**
 * What a member learnt from a peer's answer to its heartbeat ({@code isMaster}).
 *
 * @param state  the peer's state in replSetGetStatus words: PRIMARY, SECONDARY or the like
 * @param optime the peer's last write ({@code lastWrite.opTime})
 */
public record HeartbeatReply(String state, Optime optime) {
}
