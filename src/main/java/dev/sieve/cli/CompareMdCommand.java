package dev.sieve.cli;

import dev.sieve.core.SettingException;
import dev.sieve.md.MdSettings;
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
@Command(name = "compare-md", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = CompareMdCommand.Settings.class,
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











    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    /** Threads for the HDNNP (from the settings). */
    private int threads;

    /** The options of the compare-md settings. */
    public static final class Settings extends SettingOptions.Transformer {
        @Override
        List<dev.sieve.config.Setting<?>> catalogue() {
            return MdSettings.COMPARE;
        }
    }

    /** The options that set each library setting, for error messages. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("temperature", "--temperature"),
        Map.entry("steps", "--steps"), Map.entry("equilibrate", "--equilibrate"),
        Map.entry("sampleEvery", "--sample-every"), Map.entry("rdfMax", "--rdf"), Map.entry("adfCutoff", "--adf"));

    @Override
    public Integer call() throws Exception {
        dev.sieve.config.SettingValues values = SettingOptions.values(spec, MdSettings.COMPARE);
        SettingException.require(values.get(MdSettings.COMPARE_TEMPERATURE) != null, "temperature", "K is required");
        threads = values.get(MdSettings.COMPARE_THREADS);
        MdComparison.Settings settings = MdCommand.withFlags(FLAGS, () -> MdComparison.Settings.of(values));
        model.check();
        if (reference != null) {
            dev.sieve.md.potential.Potentials.requireOneZbl(reference);
        }
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
        run.result("model", model.label()).result("comparison", c.summary());
        Outputs.staged(out, dir -> {
            c.write(dir);
            run.write(dir);
        });
        double[] pa = c.modelPeak();
        double[] pb = c.referencePeak();
        System.out.printf(Locale.ROOT, "first RDF peak: HDNNP %.3f Å, g = %.3f; reference %.3f Å, g = %.3f%n",
            pa[0], pa[1], pb[0], pb[1]);
        System.out.printf(Locale.ROOT, "largest |g_HDNNP - g_reference| = %.4f at r = %.3f Å; largest bond-angle "
            + "density difference %.5f per degree; mean T %.1f K vs %.1f K%n", c.rdfMaxDifference(),
            c.rdfMaxDifferenceAt(), c.adfMaxDifference(), c.model().meanTemperature(), c.reference().meanTemperature());
    }
}
