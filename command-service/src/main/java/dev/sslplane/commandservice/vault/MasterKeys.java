package dev.sslplane.commandservice.vault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys the vault knows: the current one seals new entries; the others (during a master-key rotation)
 * still open the entries they sealed, found by the key id stored with each entry.
 */
public final class MasterKeys {

    private final MasterKey current;
    private final Map<String, MasterKey> byId = new LinkedHashMap<>();

    public MasterKeys(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        byId.put(current.keyId(), current);
        for (MasterKey key : previous) {
            MasterKey known = byId.putIfAbsent(key.keyId(), key);
            if (known != null && !java.security.MessageDigest.isEqual(known.secretKey().getEncoded(),
                    key.secretKey().getEncoded())) {
                // Two different keys under one id: entries would be opened with the wrong one.
                throw new MasterKeyLoader.MasterKeyMissingException("Two different vault master keys share the id "
                        + key.keyId() + "; give each key its own id (or leave the ids empty to derive them).");
            }
        }
    }

    public static MasterKeys of(MasterKey current) {
        return new MasterKeys(current, List.of());
    }

    public MasterKey current() {
        return current;
    }

    /** Ids of every key that can open entries, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(byId.keySet());
    }

    public Optional<MasterKey> byId(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }
}
