package dev.sieve.md;

import dev.sieve.core.InputException;
import dev.sieve.io.Format;
import dev.sieve.io.StructureIO;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Extended-XYZ trajectory: a frame (positions as integrated, energy, forces, step/time/temperature tags) every
 * {@code every} steps, counted from step 0; none at the start. Written as FILE.part during the run, renamed when it finishes.
 */
final class TrajectoryWriter implements MdObserver {
    private final ProgressFile out;
    private final int every;

    public TrajectoryWriter(Path file, int every) {
        this(file, every, -1);
    }

    /** A trajectory continuing a file at length {@code resumeAt}, or a new one (-1). */
    TrajectoryWriter(Path file, int every, long resumeAt) {
        if (every < 1) {
            throw new InputException("dumpEvery must be >= 1, got " + every);
        }
        this.every = every;
        this.out = new ProgressFile(file, resumeAt);
    }

    ProgressFile file() {
        return out;
    }

    @Override
    public void stepped(MdEngine md) throws IOException {
        if (md.stepCount() % every == 0) {
            StructureIO.append(out.writer(), md.snapshot(), Format.EXTXYZ);
        }
    }

    @Override
    public void finished(MdEngine md) {
        out.commit();
    }

    @Override
    public void close() {
        out.close();
    }
}
