package dev.sieve.cli;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.StagedDirectory;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.report.ErrorStats;
import dev.sieve.report.EvaluationReport;
import dev.sieve.report.ParityCollector;
import dev.sieve.report.ParityPlots;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (input.nn, scaling.data, weights.ZZZ.data).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structures with reference energies and/or forces (any supported format).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: evaluate-<data stem>).")
    Path out;

    @Option(names = "--length-unit", defaultValue = "angstrom", paramLabel = "U", description = "Model length unit: angstrom, bohr, nm (default ${DEFAULT-VALUE}).")
    String lengthUnit;

    @Option(names = "--energy-unit", defaultValue = "ev", paramLabel = "U", description = "Model energy unit: ev, hartree, kcal/mol (default ${DEFAULT-VALUE}).")
    String energyUnit;

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

    /** {@code evaluate-<stem>} for a data file: the file name without {@code .gz} and its last extension. */
    static Path defaultOut(Path data) {
        String name = data.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return Path.of("evaluate-" + name);
    }

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        if (maxForcePoints < 1) {
            throw new InputException("--max-force-points must be >= 1, got " + maxForcePoints);
        }
        Path outDir = out != null ? out : defaultOut(data);
        StagedDirectory.checkTarget(outDir);
        double lengthPerAngstrom = N2p2Potential.lengthUnit(lengthUnit);
        double energyPerEv = N2p2Potential.energyUnit(energyUnit);
        RunInfo run = new RunInfo("evaluate", List.of("--model", model.toString(), "--data", data.toString(), "--out",
            outDir.toString()));
        HdnnpModel m = N2p2Potential.read(model, lengthPerAngstrom, energyPerEv);

        ErrorStats stats = new ErrorStats();
        ParityCollector parity = new ParityCollector(maxForcePoints);
        long count = 0;
        long atoms = 0;
        long withEnergy = 0;
        long withForces = 0;
        long extrapolations = 0;
        long extrapolating = 0;
        double t0 = run.elapsedSeconds();
        try (StructureReader reader = StructureIO.open(data, readOptions.toReadOptions());
             HdnnpModel.Evaluator ev = n2p2Forces ? m.n2p2CompatibleEvaluator(threads) : m.evaluator(threads)) {
            while (reader.hasNext()) {
                Structure s = reader.next();
                if (s.size() == 0) {
                    throw new InputException(s.origin() + ": structure without atoms");
                }
                HdnnpModel.Prediction p = ev.predict(s, s.hasForces());
                String type = s.tags().get("config_type");
                String group = type == null ? EvaluationReport.UNTAGGED : type;
                stats.add(group, s.size(), s.hasEnergy() ? s.energy() : Double.NaN, p.energy(),
                    s.hasForces() ? s.forces() : null, p.forces());
                if (s.hasEnergy()) {
                    withEnergy++;
                    parity.addEnergy(type, s.size(), s.energy(), p.energy());
                }
                if (s.hasForces()) {
                    withForces++;
                    parity.addForces(type, s.forces(), p.forces());
                }
                extrapolations += p.extrapolations();
                extrapolating += p.extrapolations() > 0 ? 1 : 0;
                atoms += s.size();
                count++;
            }
        }
        run.timing("predict", run.elapsedSeconds() - t0);
        if (count == 0) {
            throw new InputException(data.toString(), -1, "contains no structures");
        }
        if (withEnergy == 0 && withForces == 0) {
            throw new InputException(data.toString(), -1, "has no reference energies or forces in its " + count
                + " structures: nothing to evaluate (sieve predict writes the predictions)");
        }

        t0 = run.elapsedSeconds();
        List<String> plotFiles = new ArrayList<>();
        ErrorStats.Summary all = stats.overall();
        var energyChart = withEnergy > 0
            ? ParityPlots.energyChart(parity.energiesPerAtom(), all.energyMaeMevPerAtom(), all.energyRmseMevPerAtom())
            : null;
        var forceChart = withForces > 0
            ? ParityPlots.forceChart(parity.forces(), parity.forceComponentsSeen(), parity.forceComponentsKept(),
                all.forceMaeEvPerA(), all.forceRmseEvPerA())
            : null;
        if (energyChart != null) {
            plotFiles.addAll(List.of("parity_energy.png", "parity_energy.svg"));
        }
        if (forceChart != null) {
            plotFiles.addAll(List.of("parity_forces.png", "parity_forces.svg"));
        }
        EvaluationReport report = new EvaluationReport(model.toString(), data.toString(), lengthUnit, energyUnit,
            n2p2Forces, count, atoms, withEnergy, withForces, extrapolations, extrapolating, stats, plotFiles);

        try (StagedDirectory dir = new StagedDirectory(outDir)) {
            Path d = dir.path();
            if (energyChart != null) {
                ParityPlots.save(energyChart, d, "parity_energy");
            }
            if (forceChart != null) {
                ParityPlots.save(forceChart, d, "parity_forces");
            }
            run.timing("plots", run.elapsedSeconds() - t0);
            AtomicFile.writeString(d.resolve("metrics.json"), report.toJsonString());
            AtomicFile.writeString(d.resolve("metrics.md"), report.markdown());
            run.option("length_unit", lengthUnit).option("energy_unit", energyUnit).option("threads", threads)
                .option("n2p2_forces", n2p2Forces).option("max_force_points", maxForcePoints)
                .result("structures", count).result("atoms", atoms).result("errors", all)
                .result("extrapolations", extrapolations);
            run.write(d);
            dir.commit();
        }

        System.out.printf("evaluated %s on %s%n", m, data);
        System.out.print(report.header());
        System.out.println();
        System.out.print(report.table());
        if (withEnergy < count || withForces < count) {
            System.out.printf("note: %d of %d structures have no reference energy, %d no reference forces%n",
                count - withEnergy, count, count - withForces);
        }
        if (parity.forcesSubsampled()) {
            System.out.printf("force parity plot: %d of %d components (fixed-seed random subsample)%n",
                parity.forceComponentsKept(), parity.forceComponentsSeen());
        }
        System.out.printf("wrote %s (metrics.json, metrics.md, %srun.json)%n", outDir,
            plotFiles.isEmpty() ? "" : String.join(", ", plotFiles) + ", ");
        return 0;
    }
}
