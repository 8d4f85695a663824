package dev.sslplane.fleet.replset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Roles, optimes and the term of one set, kept in {@code replset.json} so a fleet restart keeps the primary. */
public final class ReplicaSetStore {

    /** What survives a fleet restart. */
    public record Saved(long term, Map<String, SavedMember> members) {
    }

    public record SavedMember(int id, boolean primary, long optimeTerm, int optimeSeconds, int optimeInc) {
    }

    private final Path file;
    private final ObjectMapper mapper;

    public ReplicaSetStore(Path file, ObjectMapper mapper) {
        this.file = file;
        this.mapper = mapper;
    }

    public Saved load() {
        if (!Files.exists(file)) {
            return new Saved(0, Map.of());
        }
        try {
            return mapper.readValue(file.toFile(), Saved.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(Saved saved) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "replset", ".tmp");
            mapper.writeValue(tmp.toFile(), saved);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
