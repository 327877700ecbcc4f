package dev.sieve.io;

import dev.sieve.structure.Structure;
import java.util.NoSuchElementException;

/** Look-ahead iterator over structures: subclasses implement {@link #readNext()}. */
abstract class AbstractReader implements StructureReader {
    private Structure pending;
    private boolean done;
    protected int index;

    /** The next structure (with source and index set), or null at the end of the input. */
    protected abstract Structure readNext();

    @Override
    public final boolean hasNext() {
        if (pending == null && !done) {
            pending = readNext();
            if (pending == null) {
                done = true;
            }
        }
        return pending != null;
    }

    @Override
    public final Structure next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Structure s = pending;
        pending = null;
        return s;
    }
}
