package dev.sieve.md;

import dev.sieve.io.StructureIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The end state of a completed run: {@code DIR/final.xyz} (the last configuration) and {@code DIR/restart.json}
 * ({@link MdRestart}: an {@link MdEngine.State} that {@link MdEngine#restore} continues from, with what it belongs to
 * and the run's progress).
 */
final class RestartWriter {
    public static final String FINAL_STRUCTURE = "final.xyz";
    public static final String RESTART = "restart.json";

    private final Path dir;

    public RestartWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes the engine's current state (no identity, settings or progress: a plain continuation point). */
    public void write(MdEngine md) throws IOException {
        write(md, new MdRestart(md.state(), null, null, null));
    }

    /** Writes final.xyz and the restart {@code r} of the engine's current state. */
    public void write(MdEngine md, MdRestart r) throws IOException {
        StructureIO.write(dir.resolve(FINAL_STRUCTURE), List.of(md.snapshot()));
        r.write(dir.resolve(RESTART));
    }

    /** The engine state of a restart file (see {@link MdRestart#read} for the whole file). */
    public static MdEngine.State read(Path file) throws IOException {
        return MdRestart.read(file).state();
    }
}
