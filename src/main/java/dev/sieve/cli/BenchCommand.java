package dev.sieve.cli;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.bench.DescriptorBenchmark;
import dev.sieve.bench.NetworkBenchmark;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
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
    subcommands = {BenchCommand.Descriptors.class, BenchCommand.Md.class, BenchCommand.NetworkBench.class,
        BenchTrainCommand.class, BenchCostCommand.class, BenchJmhCommand.class})
final class BenchCommand implements Runnable {

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
        System.out.println(dev.sieve.core.HostInfo.line());
            if (threads < 1 || repeats < 1 || warmup < 0 || index < 0) {
                throw new InputException("--threads and --repeats must be >= 1, --warmup and --index >= 0");
            }
            if (json != null) {
                OutputGuard.requireFile("--json", json, OutputGuard.input("--structure", structure),
                    Outputs.sfSpec("--sf", sf));
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
                ObjectMapper om = Json.JSON_PRETTY;
                AtomicFile.writeString(json, om.writeValueAsString(res) + "\n");
            }
            return 0;
        }
    }


    @Command(name = "md", mixinStandardHelpOptions = true,
        description = {"Times NVE molecular dynamics (1 fs, Maxwell-Boltzmann start) with a potential or model.",
            "Prints the median over --repeats blocks of --steps steps (after --warmup steps): steps/s and µs per "
                + "atom-step, split into neighbour lists, forces and integration; for an HDNNP also the time of the "
                + "symmetry-function values alone, measured separately on the same structure."})
    static final class Md implements Callable<Integer> {
        @Mixin
        PotentialOptions pot;

        @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Benchmark cell (first structure, or --index).")
        Path structure;

        @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Structure index (default ${DEFAULT-VALUE}).")
        int index;

        @Option(names = "--steps", defaultValue = "100", paramLabel = "N", description = "Steps per timed block (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--repeats", defaultValue = "3", paramLabel = "R", description = "Timed blocks (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--warmup", defaultValue = "20", paramLabel = "W", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--temperature", defaultValue = "800", paramLabel = "K", description = "Initial temperature (default ${DEFAULT-VALUE}).")
        double temperature;

        @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
        Path json;

        @Override
        public Integer call() throws Exception {
        System.out.println(dev.sieve.core.HostInfo.line());
            if (steps < 1 || repeats < 1 || warmup < 0 || threads < 1) {
                throw new InputException("--steps, --repeats, --threads >= 1 and --warmup >= 0 are required");
            }
            if (json != null) {
                List<OutputGuard.Input> inputs = new java.util.ArrayList<>(Outputs.potential(pot));
                inputs.add(OutputGuard.input("--structure", structure));
                OutputGuard.requireFile("--json", json, inputs);
            }
            Structure s = MdCommand.readStructure(structure, index);
            dev.sieve.md.potential.Potential p = pot.open(threads);
            try {
                dev.sieve.bench.MdBenchmark.Result r = dev.sieve.bench.MdBenchmark.run(p, s, threads, warmup, steps,
                    repeats, temperature);
                System.out.printf("%s%n%s: %d atoms, %d thread%s%n", r.potential(), r.structure(), r.atoms(), threads,
                    threads == 1 ? "" : "s");
                System.out.printf("  %.4f steps/s, %.2f µs per atom-step (median of %d x %d steps)%n",
                    r.stepsPerSecond(), r.microsPerAtomStep(), repeats, steps);
                System.out.printf("  neighbour lists %.2f, forces %.2f, integration %.2f µs per atom-step%n",
                    r.neighbourUs(), r.forceUs(), r.integrateUs());
                java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("md", r);
                if (p instanceof dev.sieve.md.potential.HdnnpPotential hp) {
                    DescriptorBenchmark.Result d = DescriptorBenchmark.run(s, hp.model().symmetryFunctions(), threads,
                        2, 5);
                    System.out.printf("  of the forces: symmetry-function values %.2f µs per atom (timed separately on "
                        + "the same cell), network + fused derivative/force pass %.2f%n", d.valuesUs(),
                        r.forceUs() - d.valuesUs());
                    out.put("descriptors", d);
                }
                if (json != null) {
                    ObjectMapper om = Json.JSON_PRETTY;
                    AtomicFile.writeString(json, om.writeValueAsString(out) + "\n");
                }
            } finally {
                if (p instanceof AutoCloseable c) {
                    c.close();
                }
            }
            return 0;
        }
    }

    @Command(name = "network", mixinStandardHelpOptions = true,
        description = {"Single-thread throughput of the batched atomic-network kernels (tanh hidden layers, linear"
            + " output, random inputs): forward, forward + backward, forward + backward + Adam step, forward + input"
            + " gradient, forward + second-order force-training term.",
            "Prints atom-evaluations per second per thread: the median over the repeats (after warm-up) per"
            + " second of thread CPU time, its range, and the median per second of wall time."})
    static final class NetworkBench implements Callable<Integer> {
        @Option(names = "--inputs", defaultValue = "22", paramLabel = "N", description = "Input features (default ${DEFAULT-VALUE}).")
        int inputs;

        @Option(names = "--hidden", defaultValue = "10,10", split = ",", paramLabel = "N,N", description = "Hidden layer sizes (default ${DEFAULT-VALUE}).")
        int[] hidden;

        @Option(names = "--batch-atoms", defaultValue = "16384", paramLabel = "N", description = "Atoms per batch (default ${DEFAULT-VALUE}).")
        int batchAtoms;

        @Option(names = "--seconds", defaultValue = "5", paramLabel = "S", description = "Timed seconds per case (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--repeats", defaultValue = "5", paramLabel = "R", description = "Timed repeats per case (default ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
        System.out.println(dev.sieve.core.HostInfo.line());
            if (inputs < 1 || batchAtoms < 1 || !(seconds > 0) || repeats < 1 || hidden.length == 0) {
                throw new InputException("--inputs, --batch-atoms and --repeats must be >= 1, --seconds > 0, --hidden non-empty");
            }
            for (int h : hidden) {
                if (h < 1) {
                    throw new InputException("--hidden sizes must be >= 1");
                }
            }
            NetworkBenchmark.Result r = NetworkBenchmark.run(inputs, hidden, batchAtoms, seconds, repeats);
            System.out.printf("network %s (%d parameters), batch %d atoms, %s kernels, 1 thread%n", r.network(),
                r.params(), r.batchAtoms(), r.kernels());
            System.out.printf("  %-28s %12s %25s %12s%n", "atom-evaluations/s", "median/CPU", "range/CPU", "median/wall");
            for (NetworkBenchmark.Case c : r.cases()) {
                System.out.printf("  %-28s %12.4g %12.4g..%-11.4g %12.4g%n", c.name(), c.cpuMedian(), c.cpuMin(),
                    c.cpuMax(), c.wallMedian());
            }
            System.out.printf("  (%d repeats after warm-up, %.3g s per case)%n", repeats, seconds);
            return 0;
        }
    }
}
