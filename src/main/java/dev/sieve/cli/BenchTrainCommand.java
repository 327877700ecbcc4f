package dev.sieve.cli;

import dev.sieve.bench.TrainBenchmark;
import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve bench train}: training throughput (forward + backward + optimiser step). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Times training epochs (mini-batch forward + backward + Adam step, no validation) on the first "
        + "--limit structures of a file, after the SFs are computed.",
        "Prints atom-evaluations per second (atoms processed per epoch x epochs / wall time) and per thread."})
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structures with energies.")
    Path data;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC", description = "Symmetry-function set (default ${DEFAULT-VALUE}).")
    String sf;

    @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "Structures used (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--hidden", defaultValue = "10,10", split = ",", paramLabel = "N[,N...]", description = "Hidden layers (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Structures per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--forces", defaultValue = "0", paramLabel = "BETA", description = "Force weight (default ${DEFAULT-VALUE}: energies only).")
    double forces;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Timed epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Untimed warm-up epochs, at least (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "5", paramLabel = "S",
        description = "... and warm-up epochs until S seconds have passed, so that the JIT has compiled the kernels "
            + "(default ${DEFAULT-VALUE}; a few epochs of milliseconds measured partly uncompiled code).")
    double warmupSeconds;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "R",
        description = "Timed blocks of --epochs epochs; the median is reported with the range (default ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    public Integer call() {
        System.out.println(dev.sieve.core.HostInfo.line());
        SettingException.require(limit >= 1, "limit", "must be >= 1, got " + limit);
        List<Structure> ss = new ArrayList<>();
        try (StructureReader r = StructureIO.open(data, readOptions.toReadOptions())) {
            while (r.hasNext() && ss.size() < limit) {
                ss.add(r.next());
            }
        }
        if (ss.isEmpty()) {
            throw new InputException(data + ": no structures");
        }
        LinkedHashSet<String> els = new LinkedHashSet<>();
        ss.forEach(s -> els.addAll(s.distinctElements()));
        SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(els));
        TrainConfig cfg = TrainBenchmark.config(hidden.stream().mapToInt(Integer::intValue).toArray(), batch, forces,
            threads);
        TrainBenchmark.Result r = TrainBenchmark.run(ss, set, new TrainBenchmark.Settings(cfg, warmup, warmupSeconds,
            epochs, repeats));
        System.out.printf(Locale.ROOT, "%d structures, %d atoms, %s (%d SFs), net %s, batch %d, %s, %d thread%s "
                + "(descriptors %.1f s)%n", r.structures(), r.atoms(), set.name(), r.features(), hidden, batch,
            forces > 0 ? "forces beta " + forces : "energies only", threads, threads == 1 ? "" : "s",
            r.descriptorSeconds());
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : r.blockAtomEvalsPerSecond()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        System.out.printf(Locale.ROOT, "  %.3f s per epoch; %.3g atom-evaluations/s (%.3g per thread) for forward + "
            + "backward + optimiser step (wall time; median of %d blocks of %d epochs, range %.3g..%.3g, after %d "
            + "warm-up epochs)%n", r.secondsPerEpoch(), r.atomEvalsPerSecond(), r.atomEvalsPerSecond() / threads,
            repeats, epochs, lo, hi, r.warmupEpochs());
        if (threads == 1) {
            System.out.printf(Locale.ROOT, "  %.3g atom-evaluations per thread-CPU-second (%.0f%% of the wall time was "
                + "this thread's CPU time; the rest is other load on the machine)%n", r.cpuAtomEvalsPerSecond(),
                100 * r.atomEvalsPerSecond() / r.cpuAtomEvalsPerSecond());
        }
        return 0;
    }
}
