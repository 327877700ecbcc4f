package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.report.Evaluation;
import dev.sieve.report.EvaluationReport;
import dev.sieve.results.ParityCollector;
import dev.sieve.results.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve evaluate}: error tables and parity plots of a model on a labelled data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluates an HDNNP (n2p2 potential directory) on structures with reference energies and/or "
        + "forces: energy MAE/RMSE (meV/atom), the seeds' total-energy MSE (eV²) and sqrt(MSE)/N (meV/atom), force "
        + "MAE/RMSE (eV/Å, over Cartesian components), overall and per config_type, and the extrapolation count.",
        "Prints the table and writes metrics.json, metrics.md, parity_energy.{png,svg}, parity_forces.{png,svg} "
            + "(at most --max-force-points components, a fixed-seed random subsample beyond that) and run.json "
            + "into --out (default: evaluate-<data file name without extensions> in the current directory). "
            + "The directory appears only when everything succeeded; files of the same names in an existing "
            + "directory are replaced.",
        "Data are in Å and eV; --length-unit/--energy-unit say which units the model directory uses "
            + "(the mlearn n2p2 models: --length-unit bohr --energy-unit hartree). Data without any reference "
            + "energy or force is an error (use sieve predict)."})
final class EvaluateCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ModelUnits units;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (input.nn, scaling.data, weights.ZZZ.data).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structures with reference energies and/or forces (any supported format).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: evaluate-<data stem>).")
    Path out;



    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--n2p2-forces", description = "Forces as n2p2 nnp-predict computes them (without the contributions "
        + "of an atom's own periodic images; matters only for cells shorter than a cutoff). Use it to compare with "
        + "numbers published from n2p2; the default is the exact -dE/dr (as LAMMPS).")
    boolean n2p2Forces;

    @Option(names = "--max-force-points", defaultValue = "" + ParityCollector.DEFAULT_MAX_FORCE_POINTS, paramLabel = "N",
        description = "Most force components drawn in the force parity plot (default ${DEFAULT-VALUE}); the errors "
            + "always use all components.")
    int maxForcePoints;

    @Mixin
    ReadOptionsMixin readOptions;

    /** The names written into --out. */
    private static final List<String> WRITES = List.of("metrics.json", "metrics.md", "parity_*", "run.json");

    @Spec
    CommandSpec spec;

    /** {@code evaluate-<stem>} for a data file: the file name without {@code .gz} and its last extension. */
    static Path defaultOut(Path data) {
        return Evaluation.defaultOut(data);
    }

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        if (maxForcePoints < 1) {
            throw new InputException("--max-force-points must be >= 1, got " + maxForcePoints);
        }
        OutputGuard.requireDirectory("--out", out != null ? out : defaultOut(data), WRITES,
            Outputs.model("--model", model), OutputGuard.input("--data", data));
        RunInfo run = Provenance.runInfo(spec);
        Evaluation.Settings settings = new Evaluation.Settings(model, data, out, units.lengthUnit, units.energyUnit,
            threads, n2p2Forces, maxForcePoints, readOptions.toReadOptions());
        Evaluation.Result r;
        try {
            r = Evaluation.run(settings, run);
        } catch (Evaluation.NoReferencesException e) {
            throw new InputException(null, -1, e.getMessage() + " (sieve predict writes the predictions)", e);
        }
        EvaluationReport report = r.report();
        System.out.printf("evaluated %s on %s%n", r.model(), data);
        System.out.print(report.header());
        System.out.println();
        System.out.print(report.table());
        long count = report.structures();
        if (report.structuresWithEnergy() < count || report.structuresWithForces() < count) {
            System.out.printf("note: %d of %d structures have no reference energy, %d no reference forces%n",
                count - report.structuresWithEnergy(), count, count - report.structuresWithForces());
        }
        if (r.forcesSubsampled()) {
            System.out.printf("force parity plot: %d of %d components (fixed-seed random subsample)%n",
                r.forceComponentsPlotted(), r.forceComponentsSeen());
        }
        System.out.printf("wrote %s (%s)%n", r.outDir(), String.join(", ", r.files()));
        return 0;
    }
}
