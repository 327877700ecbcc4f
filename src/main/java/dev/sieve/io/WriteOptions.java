package dev.sieve.io;

import java.util.List;

/**
 * Options for writing structure files.
 *
 * @param typeElements LAMMPS data: element of each atom type in order (type 1 first); empty = order of
 *                     first appearance
 */
public record WriteOptions(List<String> typeElements) {
    public static final WriteOptions DEFAULT = new WriteOptions(List.of());

    public WriteOptions {
        typeElements = typeElements == null ? List.of() : List.copyOf(typeElements);
    }
}
