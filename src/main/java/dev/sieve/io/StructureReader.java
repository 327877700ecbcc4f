package dev.sieve.io;

import dev.sieve.core.InputException;
import dev.sieve.structure.Structure;
import java.util.Iterator;

/**
 * Streams the structures of one file in order. {@link #next()} and {@link #hasNext()} throw
 * {@link InputException} for malformed input. Close it (try-with-resources) to release the file.
 */
public interface StructureReader extends Iterator<Structure>, AutoCloseable {
    @Override
    void close();
}
