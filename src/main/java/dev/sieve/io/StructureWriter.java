package dev.sieve.io;

import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.Writer;

/** Writes structures one after another to a text stream. */
interface StructureWriter {
    void write(Writer w, Structure s) throws IOException;

    /** Called once after the last structure. */
    default void finish(Writer w) throws IOException {}
}
