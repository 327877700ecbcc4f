package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.results.ErrorStats;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve predict}: energies and forces of a model for every structure of a file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predicts energies and forces with an HDNNP (a Sieve model or an n2p2 potential directory) and "
        + "writes them as extended XYZ (energy, forces; the reference energy, when the data has one, as ref_energy).",
        "Data and output are in Å and eV; --length-unit/--energy-unit say which units the model directory uses "
            + "(the mlearn n2p2 models: --length-unit bohr --energy-unit hartree).",
        "When the data has reference energies/forces, a summary of the errors is printed."})
final class PredictCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ModelUnits units;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (input.nn, scaling.data, weights.ZZZ.data).")
    Path model;

    @Option(names = "--potential", paramLabel = "SPEC", description = "A reference potential instead of --model: "
        + dev.sieve.md.potential.Potentials.HELP + ".")
    String potential;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structures (any supported format).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "OUT.extxyz", description = "Output extended XYZ (.gz compresses).")
    Path out;



    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-forces", description = "Energies only (faster).")
    boolean noForces;

    @Option(names = "--n2p2-forces", description = "Reproduce n2p2 nnp-predict's forces, which leave out the "
        + "contributions of an atom's own periodic images (differs from the exact -dE/dr only in cells with a lattice "
        + "translation shorter than a cutoff; LAMMPS gives the exact forces).")
    boolean n2p2Forces;

    @Mixin
    ReadOptionsMixin readOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        if ((model == null) == (potential == null)) {
            throw new InputException("give exactly one of --model DIR and --potential SPEC");
        }
        List<OutputGuard.Input> inputs = OutputGuard.inputs(OutputGuard.input("--data", data),
            Outputs.model("--model", model), Outputs.potentialSpec("--potential", potential));
        OutputGuard.requireFile("--out", out, inputs);
        OutputGuard.requireFile("--out", Path.of(out + ".run.json"), inputs);
        RunInfo run = Provenance.runInfo(spec);
        if (potential != null) {
            return predictWithPotential(run);
        }
        HdnnpModel m = units.read(model);
        ErrorStats stats = new ErrorStats();
        long[] extrap = {0};
        long count = 0;
        try (StructureReader reader = StructureIO.open(data, readOptions.toReadOptions());
             HdnnpModel.Evaluator ev = n2p2Forces ? m.n2p2CompatibleEvaluator(threads) : m.evaluator(threads)) {
            List<Structure> results = new ArrayList<>();
            while (reader.hasNext()) {
                Structure s = reader.next();
                HdnnpModel.Prediction p = ev.predict(s, !noForces);
                extrap[0] += p.extrapolations();
                stats.add(s.tags().get("config_type"), s.size(), s.hasEnergy() ? s.energy() : Double.NaN, p.energy(),
                    s.forces(), p.forces());
                Map<String, String> tags = new LinkedHashMap<>(s.tags());
                if (s.hasEnergy()) {
                    tags.put("ref_energy", Double.toString(s.energy()));
                }
                results.add(s.withEnergyAndForces(p.energy(), p.forces()).withTags(tags));
                count++;
            }
            StructureIO.write(out, results);
        }
        System.out.printf("predicted %d structures with %s%n", count, m);
        System.out.print(stats.text());
        if (extrap[0] > 0) {
            System.out.printf("warning: %d symmetry-function values lay outside the model's training range "
                + "(extrapolation)%n", extrap[0]);
        }
        run.result("structures", count).result("errors", stats.overall()).result("extrapolations", extrap[0]);
        run.writeTo(Path.of(out + ".run.json"));
        return 0;
    }


    /** Energies and forces of a reference potential (EAM, Sutton-Chen, Lennard-Jones, hdnnp:DIR). */
    private int predictWithPotential(RunInfo run) {
        dev.sieve.md.potential.Potential p = dev.sieve.md.potential.Potentials.parse(potential, threads);
        ErrorStats stats = new ErrorStats();
        long count = 0;
        dev.sieve.neighbor.NeighborListBuilder b = new dev.sieve.neighbor.NeighborListBuilder();
        try (StructureReader reader = StructureIO.open(data, readOptions.toReadOptions())) {
            List<Structure> results = new ArrayList<>();
            while (reader.hasNext()) {
                Structure s = reader.next();
                int[] types;
                try {
                    types = p.types(s.elements());
                } catch (InputException e) {
                    throw new InputException(s.origin() + ": " + e.getMessage());
                }
                double[] f = noForces ? null : new double[3 * s.size()];
                double e = p.compute(types, b.build(s, p.cutoff()), f, null);
                stats.add(s.tags().get("config_type"), s.size(), s.hasEnergy() ? s.energy() : Double.NaN, e,
                    s.forces(), f);
                Map<String, String> tags = new LinkedHashMap<>(s.tags());
                if (s.hasEnergy()) {
                    tags.put("ref_energy", Double.toString(s.energy()));
                }
                results.add(s.withEnergyAndForces(e, f).withTags(tags));
                count++;
            }
            StructureIO.write(out, results);
        } finally {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing to release
                }
            }
        }
        System.out.printf("predicted %d structures with %s%n", count, p.describe());
        System.out.print(stats.text());
        run.result("structures", count)
            .result("errors", stats.overall());
        run.writeTo(Path.of(out + ".run.json"));
        return 0;
    }
}
