package dev.sslplane.commandservice.vault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys the vault knows: the current one seals new entries; older ones (none yet: master-key rotation
 * comes later) would still open the entries they sealed, found by the key id stored with each entry.
 */
public final class MasterKeys {

    private final MasterKey current;
    private final Map<String, MasterKey> byId = new LinkedHashMap<>();

    public MasterKeys(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        byId.put(current.keyId(), current);
        previous.forEach(key -> byId.putIfAbsent(key.keyId(), key));
    }

    public static MasterKeys of(MasterKey current) {
        return new MasterKeys(current, List.of());
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> byId(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }
}
