package dev.sieve.cli;

import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve descriptors}: raw symmetry-function values of every atom, as CSV. */
@Command(name = "descriptors", mixinStandardHelpOptions = true,
    description = {"Computes the raw (unscaled) symmetry functions of every atom and writes them as CSV.",
        "Columns: structure,atom,element, then one column per function of the atom's element in n2p2's sorted "
            + "order (the network input order), named by its parameters, e.g. G2:Al:Al:eta=1.85:rs=1.017:rc=6.8.",
        "With several elements, one file per element is written: OUT.csv becomes OUT.<El>.csv "
            + "(e.g. out.S.csv, out.Cu.csv), each with the rows of the atoms of that element.",
        "structure is the 0-based index in the input file, atom the 0-based index in the structure.",
        "A provenance file OUT.run.json (command, options, timings) is written beside the output."})
public final class DescriptorsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structure file (any supported format).")
    Path data;

    @Option(names = "--sf", required = true, paramLabel = "SPEC",
        description = "Symmetry-function set: thesis22, thesis329[:narrow][:poly2], grid:..., an n2p2 input.nn or a "
            + "Sieve .yaml/.json set file (see `sieve features show --help`).")
    String sf;

    @Option(names = "--elements", split = ",", paramLabel = "EL[,EL...]",
        description = "Elements for built-in/generated sets (default: those of the first structure).")
    List<String> elements;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N structures.")
    Integer limit;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Output CSV (.gz compresses).")
    Path out;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        RunInfo run = new RunInfo("descriptors", List.of("--data", data.toString(), "--sf", sf, "--out", out.toString()));
        long t0 = System.nanoTime();
        long sfNanos = 0;
        long atoms = 0;
        long structures = 0;
        try (StructureReader reader = StructureIO.open(data, readOptions.toReadOptions())) {
            List<Structure> batch = new ArrayList<>();
            Structure first = reader.hasNext() ? reader.next() : null;
            if (first == null) {
                throw new InputException(data.toString(), -1, "no structures in the file");
            }
            List<String> hint = elements != null ? elements : first.distinctElements();
            SymmetryFunctionSet set = SfSpec.resolve(sf, hint);
            Map<String, AtomicFile.Output> outs = new LinkedHashMap<>();
            try (DescriptorEngine engine = new DescriptorEngine(set, threads)) {
                List<String> els = set.elements();
                for (String el : els) {
                    Path p = els.size() == 1 ? out : perElement(out, el);
                    AtomicFile.Output o = new AtomicFile.Output(p);
                    outs.put(el, o);
                    o.writer().write(header(set, el));
                }
                batch.add(first);
                int batchSize = Math.max(8, threads * 8);
                boolean more = true;
                while (more) {
                    while (batch.size() < batchSize && reader.hasNext() && (limit == null || structures + batch.size() < limit)) {
                        batch.add(reader.next());
                    }
                    more = reader.hasNext() && (limit == null || structures + batch.size() < limit);
                    long ts = System.nanoTime();
                    String[][] text = format(engine, batch, structures);
                    sfNanos += System.nanoTime() - ts;
                    for (int b = 0; b < batch.size(); b++) {
                        for (int e = 0; e < els.size(); e++) {
                            outs.get(els.get(e)).writer().write(text[b][e]);
                        }
                        atoms += batch.get(b).size();
                    }
                    structures += batch.size();
                    batch.clear();
                }
                for (AtomicFile.Output o : outs.values()) {
                    o.commit();
                }
            } finally {
                for (AtomicFile.Output o : outs.values()) {
                    o.close();
                }
            }
            double total = (System.nanoTime() - t0) * 1e-9;
            run.option("sf", sf).option("elements", set.elements()).option("threads", threads)
                .option("functions", set.totalSize())
                .timing("total", total).timing("descriptors_and_formatting", sfNanos * 1e-9)
                .result("structures", structures).result("atoms", atoms);
            run.writeTo(Path.of(out + ".run.json"));
            System.err.printf("sieve: %d structures, %d atoms, %d functions; %.2f s total (%.1f µs/atom for "
                + "neighbours, functions and formatting, %d thread%s)%n", structures, atoms, set.totalSize(), total,
                sfNanos * 1e-3 / Math.max(1, atoms), threads, threads == 1 ? "" : "s");
        } catch (IOException e) {
            throw new InputException(out.toString(), -1, "cannot write: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InputException(out.toString(), -1, "cannot write: " + e.getCause().getMessage(), e);
        }
        return 0;
    }

    static Path perElement(Path out, String el) {
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

    private static String header(SymmetryFunctionSet set, String el) {
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
}
