package dev.sieve.md;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.io.StructureIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The end state of a completed run: {@code DIR/final.xyz} (the last configuration) and {@code DIR/restart.json}
 * (an {@link MdEngine.State} that {@link #read} and {@link MdEngine#restore} continue from).
 */
public final class RestartWriter implements MdObserver {
    public static final String FINAL_STRUCTURE = "final.xyz";
    public static final String RESTART = "restart.json";

    private final Path dir;

    public RestartWriter(Path dir) {
        this.dir = dir;
    }

    @Override
    public void stepped(MdEngine md) {
        // only the end state is written
    }

    @Override
    public void finished(MdEngine md) throws IOException {
        write(md);
    }

    /** Writes the engine's current state. */
    public void write(MdEngine md) throws IOException {
        StructureIO.write(dir.resolve(FINAL_STRUCTURE), List.of(md.snapshot()));
        AtomicFile.writeString(dir.resolve(RESTART), new ObjectMapper().writeValueAsString(md.state()));
    }

    /** Reads a restart file written by {@link #finished}. */
    public static MdEngine.State read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), MdEngine.State.class);
    }
}
