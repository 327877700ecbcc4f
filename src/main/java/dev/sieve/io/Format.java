package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import java.nio.file.Path;
import java.util.Locale;

/** The structure file formats Sieve reads and writes. */
public enum Format {
    /** n2p2 {@code input.data} (begin/comment/lattice/atom/energy/charge/end blocks). */
    N2P2("n2p2", true, true),
    /** Extended XYZ as written by ASE. */
    EXTXYZ("extxyz", true, true),
    /** VASP OUTCAR, every ionic step. */
    OUTCAR("outcar", true, false),
    /** mlearn / pymatgen JSON records. */
    MLEARN("mlearn", true, false),
    /** LAMMPS {@code dump custom} trajectory. */
    LAMMPS_DUMP("lammps-dump", true, false),
    /** LAMMPS data file, atom style atomic (one structure). */
    LAMMPS_DATA("lammps-data", true, true);

    private final String id;
    private final boolean readable;
    private final boolean writable;

    Format(String id, boolean readable, boolean writable) {
        this.id = id;
        this.readable = readable;
        this.writable = writable;
    }

    /** Name used on the command line. */
    public String id() {
        return id;
    }

    public boolean readable() {
        return readable;
    }

    public boolean writable() {
        return writable;
    }

    /** Valid names for {@link #parse}. */
    public static final String NAMES = "n2p2 (input.data), extxyz (xyz), outcar (vasp), mlearn (json), "
        + "lammps-dump (dump), lammps-data (lmp)";

    /** Parses a format name or alias (case-insensitive); throws {@link InputException} naming the choices. */
    public static Format parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "n2p2", "input.data", "data" -> N2P2;
            case "extxyz", "xyz" -> EXTXYZ;
            case "outcar", "vasp", "vasp-out" -> OUTCAR;
            case "mlearn", "json", "pymatgen" -> MLEARN;
            case "lammps-dump", "dump", "lammpstrj" -> LAMMPS_DUMP;
            case "lammps-data", "lmp", "lammps" -> LAMMPS_DATA;
            default -> throw new InputException("unknown format "
                + Messages.quote(name) + "; expected one of " + NAMES);
        };
    }

    /** Strips a trailing {@code .gz} from a file name. */
    static String stripGz(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }

    /** Detects the format from a file name ({@code .gz} ignored), or throws {@link InputException}. */
    public static Format detect(Path path) {
        Path fn = path.getFileName();
        String name = stripGz(fn == null ? path.toString() : fn.toString());
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.contains("OUTCAR")) {
            return OUTCAR;
        }
        if (lower.endsWith(".data") && !lower.endsWith(".lammps-data") || lower.equals("input.data")) {
            return N2P2;
        }
        if (lower.endsWith(".xyz") || lower.endsWith(".extxyz")) {
            return EXTXYZ;
        }
        if (lower.endsWith(".json")) {
            return MLEARN;
        }
        if (lower.endsWith(".dump") || lower.endsWith(".lammpstrj")) {
            return LAMMPS_DUMP;
        }
        if (lower.endsWith(".lmp") || lower.endsWith(".lammps-data")) {
            return LAMMPS_DATA;
        }
        throw new InputException(path.toString(), -1,
            "cannot tell the format from the file name; give it with --from/--to: " + NAMES);
    }
}
