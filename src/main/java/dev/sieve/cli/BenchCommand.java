package dev.sieve.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.bench.DescriptorBenchmark;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.AtomicFile;
import dev.sieve.io.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve bench ...}: speed measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Speed benchmarks.",
    subcommands = {BenchCommand.Descriptors.class, BenchTrainCommand.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "descriptors", mixinStandardHelpOptions = true,
        description = {"Times neighbour lists, symmetry-function values, and values + derivatives on one structure.",
            "Prints the median over the repeats (after warm-up) in µs per atom of wall time."})
    static final class Descriptors implements Callable<Integer> {
        @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Structure file; the first structure (or --index) is used.")
        Path structure;

        @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Which structure of the file (0-based, default ${DEFAULT-VALUE}).")
        int index;

        @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC", description = "Symmetry-function set (default ${DEFAULT-VALUE}).")
        String sf;

        @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--repeats", defaultValue = "10", paramLabel = "R", description = "Timed repeats (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--warmup", defaultValue = "3", paramLabel = "W", description = "Untimed warm-up repeats (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
        Path json;

        @Mixin
        ReadOptionsMixin readOptions;

        @Override
        public Integer call() throws Exception {
            if (threads < 1 || repeats < 1 || warmup < 0 || index < 0) {
                throw new InputException("--threads and --repeats must be >= 1, --warmup and --index >= 0");
            }
            Structure s = null;
            try (StructureReader r = StructureIO.open(structure, readOptions.toReadOptions())) {
                for (int i = 0; i <= index; i++) {
                    if (!r.hasNext()) {
                        throw new InputException(structure.toString(), -1, "has only " + i + " structures, --index " + index + " asked");
                    }
                    s = r.next();
                }
            }
            SymmetryFunctionSet set = SfSpec.resolve(sf, s.distinctElements());
            DescriptorBenchmark.Result res = DescriptorBenchmark.run(s, set, threads, warmup, repeats);
            System.out.printf("%s: %d atoms, %.1f neighbours/atom within %.2f Å, %d functions, %d thread%s, %s math%n",
                res.structure(), res.atoms(), res.neighboursPerAtom(), set.maxCutoff(), res.functions(), threads,
                threads == 1 ? "" : "s", res.math());
            System.out.printf("  neighbour list        %8.3f µs/atom%n", res.neighbourListUs());
            System.out.printf("  values                %8.3f µs/atom%n", res.valuesUs());
            System.out.printf("  values + derivatives  %8.3f µs/atom%n", res.valuesAndDerivativesUs());
            System.out.printf("  (median of %d after %d warm-up; wall time / atoms)%n", repeats, warmup);
            if (json != null) {
                ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                AtomicFile.writeString(json, om.writeValueAsString(res) + "\n");
            }
            return 0;
        }
    }

}
