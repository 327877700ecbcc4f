package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.core.StagedDirectory;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.results.RunInfo;
import dev.sieve.select.Correlation;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve correlation}: clusters of correlated candidates and the alternatives of selected functions. */
@Command(name = "correlation", mixinStandardHelpOptions = true,
    description = {"Pearson correlation of the candidate symmetry functions over the atoms of --data (per element), "
        + "clusters of candidates correlated at |r| >= --threshold (complete linkage: every pair in a cluster is), "
        + "and, for every function of --set (e.g. a selected sf.yaml), its correlated alternatives: the functions a "
        + "selection could have taken instead.",
        "Writes OUT/correlation.md, correlation_EL.csv (the matrix), correlation_EL.{png,svg} (heat map), run.json."})
final class CorrelationCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Structures (any supported format).")
    Path data;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC",
        description = "Candidate symmetry functions (default ${DEFAULT-VALUE}).")
    String sf;

    @Option(names = "--set", paramLabel = "SFSET", description = "A selected set (sf.yaml of a path point).")
    Path set;

    @Option(names = "--threshold", defaultValue = "0.95", paramLabel = "R",
        description = "|r| at which candidates count as correlated (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Use every K-th structure.")
    int every;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most N structures (0: all).")
    int limit;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    public Integer call() throws Exception {
        SettingException.require(threshold > 0 && threshold <= 1, "threshold", "must be in (0, 1], got " + threshold);
        SettingException.require(threads >= 1, "threads", "must be >= 1, got " + threads);
        OutputGuard.requireDirectory("--out", out, List.of("correlation*", "run.json"), OutputGuard.input("--data", data),
            OutputGuard.input("--set", set), Outputs.sfSpec("--sf", sf));
        StagedDirectory.checkTarget(out);
        RunInfo run = Provenance.runInfo(spec);
        List<Structure> d = SelectCommand.readSubset(data, readOptions.toReadOptions(), every, limit);
        LinkedHashSet<String> els = new LinkedHashSet<>();
        for (Structure s : d) {
            els.addAll(s.distinctElements());
        }
        SymmetryFunctionSet cand = SfSpec.resolve(sf, new ArrayList<>(els));
        Set<SymmetryFunction> selected = new HashSet<>();
        if (set != null) {
            SymmetryFunctionSet s = SfSetFile.read(set);
            for (String e : s.elements()) {
                selected.addAll(s.forElement(e));
            }
        }
        List<Correlation.Result> res = Correlation.analyse(d, cand, threshold, threads);
        run.result("structures", d.size()).result("candidates", cand.totalSize());
        Outputs.staged(out, dir -> {
            Correlation.write(res, selected, threshold, dir);
            run.write(dir);
        });
        for (Correlation.Result r : res) {
            long multi = r.clusters().stream().filter(c -> c.length > 1).count();
            System.out.printf(Locale.ROOT, "%s: %d candidates form %d clusters at |r| >= %.3g (%d with several "
                + "members)%n", r.element(), r.sfs().size(), r.clusters().size(), threshold, multi);
        }
        System.out.println("table: " + out.resolve("correlation.md"));
        return 0;
    }
}
