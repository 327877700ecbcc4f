package dev.sieve.io;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Entry point for reading and writing structure files. Formats are detected from file names
 * ({@link Format#detect}) unless given; {@code .gz} files are (de)compressed transparently. Reading
 * streams: only the current structure is held in memory. Writing is atomic ({@link AtomicFile}):
 * when anything fails, the target is left untouched. Malformed input raises {@link InputException}.
 */
public final class StructureIO {
    private StructureIO() {}

    /** Opens a streaming reader; close it when done. */
    public static StructureReader open(Path path, ReadOptions options) {
        ReadOptions o = options == null ? ReadOptions.DEFAULT : options;
        Format f = o.format() != null ? o.format() : detect(path);
        String source = path.toString();
        return switch (f) {
            case N2P2 -> new N2p2Reader(LineInput.open(path), source);
            case EXTXYZ -> new ExtXyzReader(LineInput.open(path), source, o.energyKey());
            case OUTCAR -> new OutcarReader(LineInput.open(path), source, o.vaspEnergy());
            case MLEARN -> new MlearnJsonReader(path, source);
            case LAMMPS_DUMP -> new LammpsDumpReader(LineInput.open(path), source, o.typeElements());
            case LAMMPS_DATA -> new LammpsDataReader(LineInput.open(path), source, o.typeElements());
        };
    }

    public static StructureReader open(Path path) {
        return open(path, ReadOptions.DEFAULT);
    }

    /** A lazily read stream of the structures in {@code path}; close the stream to close the file. */
    public static Stream<Structure> stream(Path path, ReadOptions options) {
        StructureReader r = open(path, options);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(r, Spliterator.ORDERED | Spliterator.NONNULL),
            false).onClose(r::close);
    }

    /** All structures of {@code path} in file order. */
    public static List<Structure> readAll(Path path, ReadOptions options) {
        List<Structure> out = new ArrayList<>();
        try (StructureReader r = open(path, options)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    public static List<Structure> readAll(Path path) {
        return readAll(path, ReadOptions.DEFAULT);
    }

    /**
     * Writes {@code structures} (iterated once, so a {@link StructureReader} can be streamed through)
     * to {@code path} in {@code format} (null = from the file name).
     */
    public static void write(Path path, Iterable<Structure> structures, Format format, WriteOptions options) {
        Format f = format != null ? format : Format.detect(path);
        WriteOptions o = options == null ? WriteOptions.DEFAULT : options;
        StructureWriter writer = switch (f) {
            case N2P2 -> new N2p2Writer();
            case EXTXYZ -> new ExtXyzWriter();
            case LAMMPS_DATA -> new LammpsDataWriter(o.typeElements());
            default -> throw new InputException(path.toString(), -1, "cannot write format " + f.id()
                + "; writable formats are n2p2, extxyz and lammps-data");
        };
        AtomicFile.write(path, w -> {
            int count = 0;
            for (Structure s : structures) {
                writer.write(w, s);
                count++;
            }
            if (count == 0) {
                throw new InputException(path.toString(), -1, "no structures to write");
            }
            writer.finish(w);
        });
    }

    /**
     * Appends one structure to an open text stream in a streamable format (extxyz or n2p2), for
     * trajectories written step by step (through {@link AtomicFile.Output}).
     */
    public static void append(java.io.Writer w, Structure s, Format format) throws java.io.IOException {
        StructureWriter writer = switch (format) {
            case N2P2 -> new N2p2Writer();
            case EXTXYZ -> new ExtXyzWriter();
            default -> throw new InputException("format " + format.id() + " cannot be streamed; use extxyz or n2p2");
        };
        writer.write(w, s);
    }

    public static void write(Path path, Iterable<Structure> structures) {
        write(path, structures, null, WriteOptions.DEFAULT);
    }

    /** Copies every structure of {@code in} to {@code out}, streaming; returns the number copied. */
    public static long convert(Path in, ReadOptions readOptions, Path out, Format outFormat, WriteOptions writeOptions) {
        Format f = outFormat != null ? outFormat : Format.detect(out);
        long[] n = {0};
        try (StructureReader r = open(in, readOptions)) {
            write(out, () -> new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return r.hasNext();
                }

                @Override
                public Structure next() {
                    n[0]++;
                    return r.next();
                }
            }, f, writeOptions);
        }
        return n[0];
    }

    /** Checks a LAMMPS type list (every entry an element symbol); throws {@link InputException}. */
    public static void validateTypes(List<String> types) {
        TypeMap.validate(types);
    }

    /**
     * The format of an existing file: from its name ({@link Format#detect}), except that a {@code .data}
     * file whose first line is not an n2p2 keyword but which has an {@code N atoms} header line is taken
     * as a LAMMPS data file.
     */
    public static Format detect(Path path) {
        Format f = Format.detect(path);
        if (f != Format.N2P2) {
            return f;
        }
        try (LineInput in = LineInput.open(path)) {
            boolean first = true;
            for (int k = 0; k < 30 && in.next(); k++) {
                if (in.isBlank()) {
                    continue;
                }
                String t = in.token(0);
                if (first && (t.equals("begin") || t.equals("comment"))) {
                    return Format.N2P2;
                }
                first = false;
                if (in.count() >= 2 && in.tokenIs(1, "atoms")) {
                    return Format.LAMMPS_DATA;
                }
            }
        }
        return Format.N2P2;
    }
}
