package dev.sieve.report;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.StagedDirectory;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.results.ErrorStats;
import dev.sieve.results.ParityCollector;
import dev.sieve.results.ParityPlots;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * Evaluation of an HDNNP (n2p2 potential directory) on structures with reference energies and/or
 * forces: {@link ErrorStats} overall and per {@code config_type}, parity plots and the
 * {@link EvaluationReport}, written into one output directory.
 *
 * <p>{@link #run(Settings, RunInfo)} does everything: it checks the output directory, reads the
 * model, streams the data once, and writes {@code metrics.json}, {@code metrics.md},
 * {@code parity_energy.{png,svg}} (when there are reference energies),
 * {@code parity_forces.{png,svg}} (when there are reference forces) and {@code run.json} into a
 * staged directory that appears only when everything succeeded.
 * {@link #evaluate(Settings, HdnnpModel)} is the computation alone, without files.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * What to evaluate and how.
     *
     * @param model          n2p2 potential directory
     * @param data           structures with reference energies and/or forces (Å, eV)
     * @param out            output directory, or null for {@link #defaultOut(Path) evaluate-<data stem>}
     * @param lengthUnit     the model directory's length unit name (angstrom, bohr, nm)
     * @param energyUnit     the model directory's energy unit name (ev, hartree, kcal/mol)
     * @param threads        threads of the model evaluator (at least 1)
     * @param n2p2Forces     forces as n2p2 nnp-predict computes them instead of the exact -dE/dr
     * @param maxForcePoints most force components drawn in the force parity plot (at least 1)
     * @param readOptions    how the data file is read (null: defaults)
     */
    public record Settings(Path model, Path data, Path out, String lengthUnit, String energyUnit, int threads,
                           boolean n2p2Forces, int maxForcePoints, ReadOptions readOptions) {
        public Settings {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(lengthUnit, "lengthUnit");
            Objects.requireNonNull(energyUnit, "energyUnit");
            if (threads < 1) {
                throw new InputException("threads must be >= 1, got " + threads);
            }
            if (maxForcePoints < 1) {
                throw new InputException("maxForcePoints must be >= 1, got " + maxForcePoints);
            }
        }

        /** Model and data in Å and eV, exact forces, one thread, the default plot cap, default reading. */
        public static Settings of(Path model, Path data, Path out) {
            return new Settings(model, data, out, "angstrom", "ev", 1, false, ParityCollector.DEFAULT_MAX_FORCE_POINTS,
                null);
        }

        /** The output directory: {@link #out()}, or {@code evaluate-<data stem>} when that is null. */
        public Path outDir() {
            return out != null ? out : defaultOut(data);
        }
    }

    /**
     * The outcome.
     *
     * @param model               the model's description (its {@code toString()})
     * @param outDir              the output directory (null from {@link #evaluate}, which writes nothing)
     * @param report              counts and errors, as written to metrics.json/metrics.md
     * @param forceComponentsSeen force components compared
     * @param forceComponentsPlotted force components in the force parity plot (a fixed-seed subsample beyond the cap)
     * @param files               files written into the output directory, in the order of the summary line
     */
    public record Result(String model, Path outDir, EvaluationReport report, long forceComponentsSeen,
                         int forceComponentsPlotted, List<String> files) {
        public Result {
            files = List.copyOf(files);
        }

        /** Overall errors. */
        public ErrorStats.Summary overall() {
            return report.stats().overall();
        }

        /** True when the force parity plot shows a subsample of the components. */
        public boolean forcesSubsampled() {
            return forceComponentsSeen > forceComponentsPlotted;
        }
    }

    /** The data has structures but no reference energy or force in any of them. */
    public static final class NoReferencesException extends InputException {
        private static final long serialVersionUID = 1L;

        NoReferencesException(String file, long structures) {
            super(file, -1, "has no reference energies or forces in its " + structures
                + " structures: nothing to evaluate");
        }
    }

    /** {@code evaluate-<stem>} for a data file: the file name without {@code .gz} and its last extension. */
    public static Path defaultOut(Path data) {
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

    /**
     * Evaluates and writes the output directory. {@code run} receives the timings {@code predict}
     * and {@code plots} and the results {@code structures}, {@code atoms}, {@code errors} and
     * {@code extrapolations}, and is written as {@code run.json}.
     *
     * @throws InputException for a bad model, unit name, data file or output directory; a
     *     {@link NoReferencesException} when the data has no reference at all
     */
    public static Result run(Settings settings, RunInfo run) {
        Path outDir = settings.outDir();
        StagedDirectory.checkTarget(outDir);
        HdnnpModel model = N2p2Potential.read(settings.model(), N2p2Potential.lengthUnit(settings.lengthUnit()),
            N2p2Potential.energyUnit(settings.energyUnit()));
        double t0 = run.elapsedSeconds();
        Computed c = compute(settings, model);
        run.timing("predict", run.elapsedSeconds() - t0);

        t0 = run.elapsedSeconds();
        ErrorStats.Summary all = c.report.stats().overall();
        XYChart energyChart = c.report.structuresWithEnergy() > 0
            ? ParityPlots.energyChart(c.parity.energiesPerAtom(), all.energyMaeMevPerAtom(), all.energyRmseMevPerAtom())
            : null;
        XYChart forceChart = c.report.structuresWithForces() > 0
            ? ParityPlots.forceChart(c.parity.forces(), c.parity.forceComponentsSeen(), c.parity.forceComponentsKept(),
                all.forceMaeEvPerA(), all.forceRmseEvPerA())
            : null;
        try (StagedDirectory dir = new StagedDirectory(outDir)) {
            Path d = dir.path();
            if (energyChart != null) {
                ParityPlots.save(energyChart, d, "parity_energy");
            }
            if (forceChart != null) {
                ParityPlots.save(forceChart, d, "parity_forces");
            }
            run.timing("plots", run.elapsedSeconds() - t0);
            AtomicFile.writeString(d.resolve("metrics.json"), c.report.toJsonString());
            AtomicFile.writeString(d.resolve("metrics.md"), c.report.markdown());
            run.result("structures", c.report.structures()).result("atoms", c.report.atoms()).result("errors", all)
                .result("extrapolations", c.report.extrapolations());
            run.write(d);
            dir.commit();
        }
        return c.result(model, outDir);
    }

    /** The evaluation of an already read model, without writing anything ({@link Result#outDir()} is null). */
    public static Result evaluate(Settings settings, HdnnpModel model) {
        return compute(settings, model).result(model, null);
    }

    private record Computed(EvaluationReport report, ParityCollector parity) {
        Result result(HdnnpModel model, Path outDir) {
            List<String> files = new ArrayList<>(List.of("metrics.json", "metrics.md"));
            files.addAll(report.plots());
            files.add("run.json");
            return new Result(model.toString(), outDir, report, parity.forceComponentsSeen(),
                parity.forceComponentsKept(), files);
        }
    }

    private static Computed compute(Settings settings, HdnnpModel model) {
        ErrorStats stats = new ErrorStats();
        ParityCollector parity = new ParityCollector(settings.maxForcePoints());
        long count = 0;
        long atoms = 0;
        long withEnergy = 0;
        long withForces = 0;
        long extrapolations = 0;
        long extrapolating = 0;
        try (StructureReader reader = StructureIO.open(settings.data(), settings.readOptions());
             HdnnpModel.Evaluator ev = settings.n2p2Forces() ? model.n2p2CompatibleEvaluator(settings.threads())
                 : model.evaluator(settings.threads())) {
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
        String data = settings.data().toString();
        if (count == 0) {
            throw new InputException(data, -1, "contains no structures");
        }
        if (withEnergy == 0 && withForces == 0) {
            throw new NoReferencesException(data, count);
        }
        List<String> plots = new ArrayList<>();
        if (withEnergy > 0) {
            plots.addAll(List.of("parity_energy.png", "parity_energy.svg"));
        }
        if (withForces > 0) {
            plots.addAll(List.of("parity_forces.png", "parity_forces.svg"));
        }
        EvaluationReport report = new EvaluationReport(settings.model().toString(), data, settings.lengthUnit(),
            settings.energyUnit(), settings.n2p2Forces(), count, atoms, withEnergy, withForces, extrapolations,
            extrapolating, stats, plots);
        return new Computed(report, parity);
    }
}
