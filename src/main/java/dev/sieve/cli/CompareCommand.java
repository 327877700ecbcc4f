package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.core.StagedDirectory;
import dev.sieve.core.SettingException;
import dev.sieve.report.Comparison;
import dev.sieve.results.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve compare}: several selection methods' refit tables side by side, with Welch t-tests. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Puts the refit tables of several selection methods side by side (directories written by sieve "
        + "refit; label each with DIR=LABEL, default the directory name): one table and one figure of test energy "
        + "RMSE (and force MAE when the test set has forces) against the number of symmetry functions, mean +- sample "
        + "std over the refit splits, and Welch t-tests of every method against the first (--reference) at each "
        + "feature count both have, plus any --pair.",
        "With MD speeds in the refit tables: the error-cost Pareto front (table and pareto.{png,svg}) and the fastest "
            + "set within --within %% of the best error.",
        "Writes OUT/compare.md, compare.csv, compare.json, compare.{png,svg}, compare_forces.{png,svg} (with forces), "
            + "pareto.{png,svg} and run.json."})
final class CompareCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR[=LABEL]", description = "Refit output directories.")
    List<String> dirs;

    @Option(names = "--reference", paramLabel = "LABEL",
        description = "The method the others are tested against (default: the first directory's).")
    String reference;

    @Option(names = "--pair", paramLabel = "LABEL/CHOICE,LABEL/CHOICE",
        description = "Also test these two rows against each other (repeatable); CHOICE as in the refit table.")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--within", defaultValue = "5", paramLabel = "PERCENT",
        description = "Report the fastest set (by MD speed) within PERCENT %% of the best mean test RMSE "
            + "(default ${DEFAULT-VALUE}).")
    double within;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SettingException.require(within >= 0 && Double.isFinite(within), "within", "must be >= 0, got " + within);
        StagedDirectory.checkTarget(out);
        RunInfo run = Provenance.runInfo(spec);
        List<Comparison.Row> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<OutputGuard.Input> inputs = new ArrayList<>();
        for (String d : dirs) {
            int eq = d.lastIndexOf('=');
            inputs.add(OutputGuard.directory("DIR", Path.of(eq > 0 ? d.substring(0, eq) : d), List.of("refit.json")));
        }
        OutputGuard.requireDirectory("--out", out, List.of("compare.*", "compare_forces.*", "pareto.*", "run.json"),
            inputs);
        for (String d : dirs) {
            int eq = d.lastIndexOf('=');
            Path dir = Path.of(eq > 0 ? d.substring(0, eq) : d);
            String label = eq > 0 ? d.substring(eq + 1) : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
            if (labels.contains(label)) {
                throw new SettingException("compare", "two directories are labelled '" + label + "'; name them with "
                    + "DIR=LABEL");
            }
            labels.add(label);
            rows.addAll(Comparison.read(dir, label));
        }
        String ref = reference != null ? reference : labels.get(0);
        if (!labels.contains(ref)) {
            throw new SettingException("reference", "'" + ref + "' is none of the labels " + labels);
        }
        List<Comparison.Test> tests = new ArrayList<>(Comparison.testsAgainstReference(rows, ref));
        for (String p : pairs) {
            String[] ab = p.split(",");
            if (ab.length != 2) {
                throw new SettingException("pair", "expected LABEL/CHOICE,LABEL/CHOICE, got '" + p + "'");
            }
            tests.addAll(Comparison.tests(find(rows, ab[0].strip()), find(rows, ab[1].strip())));
        }
        run.result("methods", labels).result("reference", ref).result("rows", rows.size())
            .result("tests", tests.size());
        Outputs.staged(out, dir -> {
            Comparison.write(rows, tests, within, dir);
            run.write(dir);
        });
        System.out.print(Files.readString(out.resolve("compare.md")));
        return 0;
    }

    private static Comparison.Row find(List<Comparison.Row> rows, String key) {
        for (Comparison.Row r : rows) {
            if ((r.method() + "/" + r.choice()).equalsIgnoreCase(key)) {
                return r;
            }
        }
        throw new SettingException("pair", "no row '" + key + "'; rows are " + rows.stream()
            .map(r -> r.method() + "/" + r.choice()).toList().toString().toLowerCase(Locale.ROOT));
    }
}
