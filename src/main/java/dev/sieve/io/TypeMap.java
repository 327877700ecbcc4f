package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.core.SettingException;

import dev.sieve.core.InputException;
import dev.sieve.structure.Elements;
import java.util.List;

/** Maps LAMMPS atom types (1-based) to element symbols. */
final class TypeMap {
    private TypeMap() {}

    /** Checks that every name in {@code types} is an element symbol. */
    static void validate(List<String> types) {
        for (String t : types) {
            if (!Elements.isSymbol(t)) {
                throw new SettingException("types", Messages.quote(t) + " is not an element symbol (expected e.g. Al or Cu,S)");
            }
        }
    }

    static String element(List<String> types, int type, LineInput in) {
        if (types.isEmpty()) {
            throw in.error("atom type " + type + " has no element: give the elements of the LAMMPS atom types in order"
                + " (--types, e.g. --types Al or --types Cu,S)");
        }
        if (type < 1 || type > types.size()) {
            throw in.error("atom type " + type + " has no element: --types gives " + types.size() + " type(s) "
                + types);
        }
        return types.get(type - 1);
    }
}
