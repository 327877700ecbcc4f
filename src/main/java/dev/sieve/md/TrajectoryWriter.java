package dev.sieve.md;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.io.Format;
import dev.sieve.io.StructureIO;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Extended-XYZ trajectory: a frame (positions as integrated, energy, forces, step/time/temperature tags) every
 * {@code every} steps, counted from step 0; none at the start. Written atomically when the run finishes.
 */
public final class TrajectoryWriter implements MdObserver {
    private final AtomicFile.Output out;
    private final int every;

    public TrajectoryWriter(Path file, int every) {
        if (every < 1) {
            throw new InputException("dumpEvery must be >= 1, got " + every);
        }
        this.every = every;
        this.out = new AtomicFile.Output(file);
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
