package dev.sslplane.commandservice.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every vault entry that is not sealed under the current master key (see {@link VaultConfiguration}:
 * the next key while a rotation is configured). Idempotent and resumable: each entry is swapped in one atomic
 * single-document update, so a crash leaves every entry readable under the old or the new key, and running it
 * again only touches what is left. When {@link Result#done()} is true the old key can be removed from the
 * configuration.
 */
public class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int MAX_FAILURES_LISTED = 100;

    private final KeyVault vault;
    private final Clock clock;

    public MasterKeyRotation(KeyVault vault) {
        this(vault, Clock.systemUTC());
    }

    MasterKeyRotation(KeyVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    /** An entry that could not be re-encrypted, and why (no key material). */
    public record Failure(String entryId, String reason) {
    }

    /**
     * @param currentKeyId  the key every entry is sealed under once done
     * @param acceptedKeyIds every key that opens entries now (the current one first)
     * @param examined      entries this run looked at
     * @param reEncrypted   entries this run moved to the current key
     * @param alreadyCurrent entries another run (or replica) had moved meanwhile
     * @param failed        entries that cannot be opened with any configured key (at most 100 listed)
     * @param failedCount   how many failed
     * @param remaining     entries still not under the current key after this run
     * @param done          nothing remains: the old key may be removed from the configuration
     */
    public record Result(String currentKeyId, List<String> acceptedKeyIds, int examined, int reEncrypted,
                         int alreadyCurrent, List<Failure> failed, int failedCount, long remaining, boolean done,
                         Instant startedAt, Instant finishedAt) {
    }

    /** Rotates at most {@code limit} entries (all when {@code limit <= 0}). */
    public Result rotate(int limit) {
        Instant startedAt = clock.instant();
        MasterKeys keys = vault.masterKeys();
        List<String> pending = vault.entriesNotUnderCurrentKey();
        int examined = 0;
        int reEncrypted = 0;
        int alreadyCurrent = 0;
        int failedCount = 0;
        List<Failure> failed = new ArrayList<>();
        for (String entryId : pending) {
            if (limit > 0 && examined >= limit) {
                break;
            }
            examined++;
            try {
                if (vault.reseal(entryId) == KeyVault.Reseal.RESEALED) {
                    reEncrypted++;
                } else {
                    alreadyCurrent++;
                }
            } catch (KeyVault.ResealException e) {
                failedCount++;
                if (failed.size() < MAX_FAILURES_LISTED) {
                    failed.add(new Failure(entryId, e.getMessage()));
                }
                log.error("Vault entry {} cannot be re-encrypted under master key {}: {}", entryId,
                        keys.current().keyId(), e.getMessage());
            }
        }
        long remaining = vault.countNotUnderCurrentKey();
        log.info("Vault master-key rotation to {}: {} re-encrypted, {} already current, {} failed, {} remaining",
                keys.current().keyId(), reEncrypted, alreadyCurrent, failedCount, remaining);
        return new Result(keys.current().keyId(), keys.keyIds(), examined, reEncrypted, alreadyCurrent,
                List.copyOf(failed), failedCount, remaining, remaining == 0, startedAt, clock.instant());
    }
}
