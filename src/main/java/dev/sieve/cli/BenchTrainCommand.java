package dev.sieve.cli;

import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.nn.Scaling;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.Trainer;
import dev.sieve.train.TrainingData;
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
public final class BenchTrainCommand implements Callable<Integer> {
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

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Untimed warm-up epochs (default ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    public Integer call() {
        if (limit < 1 || threads < 1 || epochs < 1 || warmup < 0) {
            throw new InputException("--limit, --threads and --epochs must be >= 1 and --warmup >= 0");
        }
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
        TrainConfig d = TrainConfig.defaults();
        TrainConfig cfg = new TrainConfig(hidden.stream().mapToInt(Integer::intValue).toArray(),
            java.util.Collections.nCopies(hidden.size(), dev.sieve.nn.Activation.TANH), d.scaling(), d.scaleMin(),
            d.scaleMax(), false, true, forces, d.forceAtoms(), d.split(), warmup + epochs, batch, d.optimizer(),
            d.momentum(), d.schedule(), d.l2(), false, d.minDelta(), 0, d.seed(), threads, 0);
        TrainingData td;
        long t0 = System.nanoTime();
        try (DescriptorEngine eng = new DescriptorEngine(set, threads)) {
            td = TrainingData.build(data.toString(), ss, set, eng, forces > 0 ? cfg.forceAtoms() : 0, 1);
        }
        double tDesc = (System.nanoTime() - t0) * 1e-9;
        int[] all = new int[td.size()];
        long atoms = 0;
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
            atoms += td.atoms(k);
        }
        List<Scaling> sc = td.fitScaling(all, cfg.scaling(), cfg.scaleMin(), cfg.scaleMax());
        td.scale(sc);
        td.setAtomEnergies(td.fitAtomEnergies(all));
        double secs;
        double cpu;
        try (Trainer tr = new Trainer(td, all, new int[0], cfg)) {
            for (int e = 0; e < warmup; e++) {
                tr.epoch();
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c1 = mx.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                tr.epoch();
            }
            secs = (System.nanoTime() - t1) * 1e-9;
            cpu = threads == 1 ? (mx.getCurrentThreadCpuTime() - c1) * 1e-9 : Double.NaN;
        }
        double rate = atoms * (double) epochs / secs;
        System.out.printf(Locale.ROOT, "%d structures, %d atoms, %s (%d SFs), net %s, batch %d, %s, %d thread%s "
                + "(descriptors %.1f s)%n", td.size(), atoms, set.name(), set.totalSize(), hidden, batch,
            forces > 0 ? "forces beta " + forces : "energies only", threads, threads == 1 ? "" : "s", tDesc);
        System.out.printf(Locale.ROOT, "  %.3f s per epoch; %.3g atom-evaluations/s (%.3g per thread) for forward + "
            + "backward + optimiser step (wall time)%n", secs / epochs, rate, rate / threads);
        if (threads == 1) {
            System.out.printf(Locale.ROOT, "  %.3g atom-evaluations per thread-CPU-second (%.0f%% of the wall time was "
                + "this thread's CPU time; the rest is other load on the machine)%n", atoms * (double) epochs / cpu,
                100 * cpu / secs);
        }
        return 0;
    }
}
