package dev.sslplane.fleet.replset;

import java.util.List;

/** What a member says about the set in its isMaster answer. */
public record HelloView(String setName, boolean primary, boolean hidden, List<String> hosts, String primaryHost,
                        String me, Optime lastWrite) {
}
