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
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new dev.sieve.core.InputException(file.toString(), -1, "no such restart file");
        }
        MdEngine.State st;
        try {
            st = new ObjectMapper().readValue(file.toFile(), MdEngine.State.class);
        } catch (IOException e) {
            throw dev.sieve.core.Messages.readError(file.toString(), e);
        }
        if (st == null || st.positions() == null || st.velocities() == null || st.xi() == null || st.vxi() == null
            || st.rng() == null || st.velocities().length != st.positions().length) {
            throw new dev.sieve.core.InputException(file.toString(), -1, "incomplete restart file (expected step, "
                + "positions, velocities, xi, vxi and rng as written by sieve md)");
        }
        return st;
    }
}
