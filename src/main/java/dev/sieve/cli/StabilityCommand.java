package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.core.StagedDirectory;
import dev.sieve.core.SettingException;
import dev.sieve.results.RunInfo;
import dev.sieve.select.Stability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve stability}: selection frequency of every candidate across several selection paths. */
@Command(name = "stability", mixinStandardHelpOptions = true,
    description = {"How stable a selection is: give several selection paths made from the same data and candidates "
        + "on different splits (sieve select --seed 1, 2, 3, ...; or --every offsets for bootstrap-like subsamples). "
        + "For every candidate: the fraction of paths whose set at each --counts K contains it (a path's set at K: "
        + "its point with the largest count <= K, the best by validation loss among equal counts), and the smallest "
        + "set size at which each path still kept it (mean +- std; small = kept longest).",
        "Writes OUT/stability.md (sorted by importance), stability.csv, stability.{png,svg} and run.json."})
final class StabilityCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "PATHDIR", description = "Output directories of sieve select.")
    List<Path> paths;

    @Option(names = "--counts", split = ",", defaultValue = "2,6,9", paramLabel = "K[,K...]",
        description = "Set sizes at which frequencies are reported (default ${DEFAULT-VALUE}).")
    int[] counts;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (int k : counts) {
            SettingException.require(k >= 1, "counts", "must be positive, got " + k);
        }
        OutputGuard.requireDirectory("--out", out, List.of("stability.*", "run.json"),
            paths.stream().map(p -> OutputGuard.directory("PATHDIR", p, List.of("path.json", "path.csv",
                "candidates.yaml", "points/**"))).toList());
        for (Path p : paths) {
            Stability.requirePath(p);
        }
        StagedDirectory.checkTarget(out);
        RunInfo run = Provenance.runInfo(spec);
        List<Stability.Candidate> c = Stability.analyse(paths, counts);
        run.result("paths", paths.stream().map(Path::toString).toList()).result("candidates", c.size());
        Outputs.staged(out, dir -> {
            Stability.write(c, counts, paths.size(), dir);
            run.write(dir);
        });
        long always = c.stream().filter(x -> x.frequency()[0] == 1.0).count();
        System.out.printf(Locale.ROOT, "%d candidates over %d paths; %d are in every path's set of %d; table in %s%n",
            c.size(), paths.size(), always, counts[0], out.resolve("stability.md"));
        return 0;
    }
}
