package dev.sieve.descriptor;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the raw (unscaled) symmetry-function values of every atom of a sequence of structures
 * into CSV files, one per element of the set. Each file has the header
 * {@code structure,atom,element,<function names>} (the functions of that element in n2p2's sorted
 * order, the network input order) and one row per atom of that element; numbers are written in
 * the shortest form that reads back as the same double ({@link Double#toString(double)}).
 * {@code structure} is the structure's own index when it has one, else its 0-based position in
 * the sequence; {@code atom} is the 0-based index in the structure.
 *
 * <p>With one element the output is the given path; with several, {@code OUT.csv} becomes
 * {@code OUT.<El>.csv} (see {@link #perElement}). The files are written atomically: on any error
 * none of them is left behind. Structures are computed in parallel batches; the output does not
 * depend on the thread count.
 */
public final class DescriptorCsvWriter {
    private DescriptorCsvWriter() {}

    /**
     * What was written.
     *
     * @param set             the symmetry-function set used
     * @param structures      structures written
     * @param atoms           atoms written (rows over all files)
     * @param files           the files, in the order of {@link SymmetryFunctionSet#elements()}
     * @param computeNanos    wall time spent computing and formatting the values (ns), excluding reading and writing
     */
    public record Result(SymmetryFunctionSet set, long structures, long atoms, List<Path> files, long computeNanos) {
        public Result {
            files = List.copyOf(files);
        }
    }

    /**
     * Resolves the set from a spec and writes the CSV files.
     *
     * @param structures the structures (e.g. a {@code StructureReader}); read once, in order
     * @param source     name of the structure source for messages (the file name)
     * @param sfSpec     symmetry-function set spec (see {@link SfSpec#resolve(String, List)})
     * @param elements   elements for built-in and generated sets; null for those of the first structure
     * @param out        output path ({@code .gz} compresses)
     * @param threads    worker threads, at least 1
     * @param limit      stop once this many structures are written (at least the first one is); null for all
     * @throws InputException when there are no structures, the set does not resolve, a structure
     *     has an element outside the set, or the output cannot be written
     */
    public static Result write(Iterator<Structure> structures, String source, String sfSpec, List<String> elements,
                               Path out, int threads, Long limit) {
        if (!structures.hasNext()) {
            throw new InputException(source, -1, "no structures in the file");
        }
        Structure first = structures.next();
        SymmetryFunctionSet set = SfSpec.resolve(sfSpec, elements != null ? elements : first.distinctElements());
        return write(prepend(first, structures), set, out, threads, limit);
    }

    /**
     * Writes the CSV files of a known set.
     *
     * @param structures the structures, read once, in order
     * @param set        the symmetry functions
     * @param out        output path ({@code .gz} compresses); per element files beside it for several elements
     * @param threads    worker threads, at least 1
     * @param limit      stop once this many structures are written (at least the first one is); null for all
     */
    public static Result write(Iterator<Structure> structures, SymmetryFunctionSet set, Path out, int threads,
                               Long limit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Map<String, AtomicFile.Output> outs = new LinkedHashMap<>();
        try (DescriptorEngine engine = new DescriptorEngine(set, threads)) {
            List<String> els = set.elements();
            for (String el : els) {
                AtomicFile.Output o = new AtomicFile.Output(els.size() == 1 ? out : perElement(out, el));
                outs.put(el, o);
                o.writer().write(header(set, el));
            }
            Result r = stream(structures, engine, set, outs, threads, limit);
            for (AtomicFile.Output o : outs.values()) {
                o.commit();
            }
            return r;
        } catch (IOException e) {
            throw new InputException(out.toString(), -1, "cannot write: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InputException(out.toString(), -1, "cannot write: " + e.getCause().getMessage(), e);
        } finally {
            for (AtomicFile.Output o : outs.values()) {
                o.close();
            }
        }
    }

    private static Result stream(Iterator<Structure> in, DescriptorEngine engine, SymmetryFunctionSet set,
                                 Map<String, AtomicFile.Output> outs, int threads, Long limit) throws IOException {
        List<String> els = set.elements();
        List<Structure> batch = new ArrayList<>();
        long structures = 0;
        long atoms = 0;
        long nanos = 0;
        if (in.hasNext()) {
            batch.add(in.next());
        }
        int batchSize = Math.max(8, threads * 8);
        boolean more = !batch.isEmpty();
        while (more) {
            while (batch.size() < batchSize && in.hasNext() && (limit == null || structures + batch.size() < limit)) {
                batch.add(in.next());
            }
            more = in.hasNext() && (limit == null || structures + batch.size() < limit);
            long t = System.nanoTime();
            String[][] text = format(engine, batch, structures);
            nanos += System.nanoTime() - t;
            for (int b = 0; b < batch.size(); b++) {
                for (int e = 0; e < els.size(); e++) {
                    outs.get(els.get(e)).writer().write(text[b][e]);
                }
                atoms += batch.get(b).size();
            }
            structures += batch.size();
            batch.clear();
        }
        List<Path> files = outs.values().stream().map(AtomicFile.Output::target).toList();
        return new Result(set, structures, atoms, files, nanos);
    }

    /** {@code OUT.<El>.csv} for {@code OUT.csv} (also {@code OUT.<El>.csv.gz}; {@code .csv} is added to a bare name). */
    public static Path perElement(Path out, String el) {
        String name = out.getFileName().toString();
        String suffix = "";
        if (name.endsWith(".gz")) {
            suffix = ".gz";
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".csv";
        return out.resolveSibling(stem + "." + el + ext + suffix);
    }

    /** The header line of an element's file, with its newline. */
    public static String header(SymmetryFunctionSet set, String el) {
        StringBuilder sb = new StringBuilder("structure,atom,element");
        for (SymmetryFunction f : set.forElement(el)) {
            sb.append(',').append(f.name());
        }
        return sb.append('\n').toString();
    }

    /** Computes and formats a batch in parallel over structures; text[b][e] = rows of element e. */
    private static String[][] format(DescriptorEngine engine, List<Structure> batch, long firstIndex) {
        int ne = engine.calculator().elements().size();
        String[][] text = new String[batch.size()][ne];
        boolean bigStructures = batch.stream().mapToInt(Structure::size).max().orElse(0) >= 2000;
        if (bigStructures) {
            for (int b = 0; b < batch.size(); b++) {
                text[b] = rows(engine.compute(batch.get(b), false), batch.get(b), firstIndex + b, ne);
            }
        } else {
            engine.parallel(batch.size(), b -> text[b] = rows(engine.computeSerial(batch.get(b), false), batch.get(b),
                firstIndex + b, ne));
        }
        return text;
    }

    private static String[] rows(AtomDescriptors d, Structure s, long index, int ne) {
        StringBuilder[] sb = new StringBuilder[ne];
        for (int e = 0; e < ne; e++) {
            sb[e] = new StringBuilder();
        }
        long idx = s.index() >= 0 ? s.index() : index;
        for (int i = 0; i < d.atoms(); i++) {
            StringBuilder b = sb[d.element()[i]];
            b.append(idx).append(',').append(i).append(',').append(s.elements()[i]);
            for (int k = 0, n = d.count(i); k < n; k++) {
                b.append(',').append(d.value(i, k));
            }
            b.append('\n');
        }
        return Arrays.stream(sb).map(StringBuilder::toString).toArray(String[]::new);
    }

    private static Iterator<Structure> prepend(Structure first, Iterator<Structure> rest) {
        return new Iterator<>() {
            private boolean firstTaken;

            @Override
            public boolean hasNext() {
                return !firstTaken || rest.hasNext();
            }

            @Override
            public Structure next() {
                if (!firstTaken) {
                    firstTaken = true;
                    return first;
                }
                return rest.next();
            }
        };
    }
}
