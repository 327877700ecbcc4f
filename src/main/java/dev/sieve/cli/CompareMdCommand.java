package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.md.MdComparison;
import dev.sieve.md.potential.Potential;
import dev.sieve.md.potential.Potentials;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve compare-md}: the same MD with an HDNNP and its reference; RDFs and bond-angle distributions compared. */
@Command(name = "compare-md", mixinStandardHelpOptions = true,
    description = {"Runs Nosé–Hoover NVT molecular dynamics with the HDNNP (--model) and with its reference potential "
        + "(--reference) from the same start, seed and settings, and compares their radial distribution functions "
        + "and bond-angle distributions: the physical check that a reduced feature set still gives the same liquid.",
        "Writes OUT/rdf_compare.csv, OUT/adf_compare.csv, OUT/rdf.{png,svg}, OUT/adf.{png,svg}, OUT/run.json."})
final class CompareMdCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PotentialOptions model;

    @Option(names = "--reference", required = true, paramLabel = "SPEC", description = "Reference potential: " + Potentials.HELP + ".")
    String reference;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Start configuration.")
    Path structure;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Structure index (default ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--temperature", required = true, paramLabel = "K", description = "NVT temperature.")
    double temperature;

    @Option(names = "--steps", defaultValue = "5000", paramLabel = "N", description = "Steps per run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--equilibrate", defaultValue = "1000", paramLabel = "N", description = "Steps before sampling (default ${DEFAULT-VALUE}).")
    int equilibrate;

    @Option(names = "--sample-every", defaultValue = "20", paramLabel = "K", description = "Sample every K steps (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--dt", defaultValue = "2", paramLabel = "FS", description = "Time step (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--tdamp", defaultValue = "100", paramLabel = "FS", description = "Thermostat time constant (default ${DEFAULT-VALUE}).")
    double tdamp;

    @Option(names = "--rdf", defaultValue = "7.0", paramLabel = "RMAX", description = "RDF range (default ${DEFAULT-VALUE} Å, bins 0.05 Å).")
    double rdfMax;

    @Option(names = "--adf", defaultValue = "3.4", paramLabel = "RCUT", description = "Bond-angle neighbour cutoff (default ${DEFAULT-VALUE} Å).")
    double adfCut;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads for the HDNNP (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    /** The options that set each library setting, for error messages. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("temperature", "--temperature"),
        Map.entry("steps", "--steps"), Map.entry("equilibrate", "--equilibrate"),
        Map.entry("sampleEvery", "--sample-every"), Map.entry("rdfMax", "--rdf"), Map.entry("adfCutoff", "--adf"));

    @Override
    public Integer call() throws Exception {
        MdComparison.Settings settings = MdCommand.withFlags(FLAGS, () -> MdComparison.Settings.builder()
            .temperature(temperature).steps(steps).equilibrate(equilibrate).sampleEvery(every).dt(dt).damping(tdamp)
            .rdfMax(rdfMax).adfCutoff(adfCut).seed(seed).build());
        List<OutputGuard.Input> inputs = new ArrayList<>(Outputs.potential(model));
        inputs.addAll(OutputGuard.inputs(Outputs.potentialSpec("--reference", reference),
            OutputGuard.input("--structure", structure)));
        OutputGuard.requireDirectory("--out", out, List.of("rdf_compare.csv", "adf_compare.csv", "rdf.*", "adf.*",
            "run.json", OutputLock.NAME), inputs);
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            compare(settings);
        }
        return 0;
    }

    private void compare(MdComparison.Settings settings) throws Exception {
        RunInfo run = Provenance.runInfo(spec);
        Structure s = MdCommand.readStructure(structure, index);
        Potential hdnnp = model.open(threads);
        Potential ref = null;
        MdComparison c;
        try {
            ref = Potentials.parse(reference, threads);
            c = MdComparison.run(hdnnp, ref, s, settings);
        } finally {
            MdCommand.close(hdnnp);
            MdCommand.close(ref);
        }
        Files.createDirectories(out);
        c.write(out);
        double[] pa = c.modelPeak();
        double[] pb = c.referencePeak();
        System.out.printf(Locale.ROOT, "first RDF peak: HDNNP %.3f Å, g = %.3f; reference %.3f Å, g = %.3f%n",
            pa[0], pa[1], pb[0], pb[1]);
        System.out.printf(Locale.ROOT, "largest |g_HDNNP - g_reference| = %.4f at r = %.3f Å; largest bond-angle "
            + "density difference %.5f per degree; mean T %.1f K vs %.1f K%n", c.rdfMaxDifference(),
            c.rdfMaxDifferenceAt(), c.adfMaxDifference(), c.model().meanTemperature(), c.reference().meanTemperature());
        run.result("model", model.label()).result("comparison", c.summary());
        run.write(out);
    }
}
