package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.descriptor.DescriptorCsvWriter;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.results.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve descriptors}: raw symmetry-function values of every atom, as CSV. */
@Command(name = "descriptors", mixinStandardHelpOptions = true,
    description = {"Computes the raw (unscaled) symmetry functions of every atom and writes them as CSV.",
        "Columns: structure,atom,element, then one column per function of the atom's element in n2p2's sorted "
            + "order (the network input order), named by its parameters, e.g. G2:Al:Al:eta=1.85:rs=1.017:rc=6.8.",
        "With several elements, one file per element is written: OUT.csv becomes OUT.<El>.csv "
            + "(e.g. out.S.csv, out.Cu.csv), each with the rows of the atoms of that element.",
        "structure is the 0-based index in the input file, atom the 0-based index in the structure.",
        "A provenance file OUT.run.json (command, options, timings) is written beside the output."})
final class DescriptorsCommand implements Callable<Integer> {

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new InputException("--limit must be >= 1, got " + limit);
        }
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        List<OutputGuard.Input> inputs = OutputGuard.inputs(OutputGuard.input("--data", data),
            Outputs.sfSpec("--sf", sf));
        OutputGuard.requireFile("--out", out, inputs);
        OutputGuard.requireFile("--out", Path.of(out + ".run.json"), inputs);
        OutputGuard.requireBeside("--out", out, OutputGuard.globQuote(
            DescriptorCsvWriter.perElement(out, "@@EL@@").getFileName().toString()).replace("@@EL@@", "*"), inputs);
        RunInfo run = Provenance.runInfo(spec);
        long t0 = System.nanoTime();
        DescriptorCsvWriter.Result r;
        try (StructureReader reader = StructureIO.open(data, readOptions.toReadOptions())) {
            r = DescriptorCsvWriter.write(reader, data.toString(), sf, elements, out, threads,
                limit == null ? null : limit.longValue());
        }
        double total = (System.nanoTime() - t0) * 1e-9;
        int functions = r.set().totalSize();
        run.timing("total", total).timing("descriptors_and_formatting", r.computeNanos() * 1e-9)
            .result("elements", r.set().elements()).result("functions", functions)
            .result("structures", r.structures()).result("atoms", r.atoms());
        run.writeTo(Path.of(out + ".run.json"));
        System.err.printf("sieve: %d structures, %d atoms, %d functions; %.2f s total (%.1f µs/atom for "
            + "neighbours, functions and formatting, %d thread%s)%n", r.structures(), r.atoms(), functions, total,
            r.computeNanos() * 1e-3 / Math.max(1, r.atoms()), threads, threads == 1 ? "" : "s");
        return 0;
    }
}
