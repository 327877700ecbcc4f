package dev.sieve.cli;

import dev.sieve.core.Json;
import dev.sieve.bench.CostBenchmark;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.StagedDirectory;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve bench cost}: the measured marginal MD cost of every candidate symmetry function. */
@Command(name = "cost", mixinStandardHelpOptions = true,
    description = {"Times the MD force kernel (functions, derivatives, networks; one thread) for subsets of the "
        + "candidates on a cell, fits the cost model t = t0 + loops per cutoff (neighbours, triplets) + terms per "
        + "function + per-feature network cost (non-negative least squares, on the first --fit-fraction of the "
        + "subsets) and reports its error on the held-out subsets and every candidate's marginal cost in the full set "
        + "(its own term + its share of its cutoff's loop). select --cost-weight uses the same measurement.",
        "Writes OUT/cost.json (parameters, samples, marginal costs), cost.md and run.json."})
final class BenchCostCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC", description = "Candidates (default ${DEFAULT-VALUE}).")
    String sf;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Benchmark cell (first structure).")
    Path structure;

    @Option(names = "--hidden", defaultValue = "10,10", split = ",", paramLabel = "N[,N...]",
        description = "Hidden layers of the timed networks (default ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--subsets", defaultValue = "24", paramLabel = "N", description = "Timed subsets (default ${DEFAULT-VALUE}).")
    int subsets;

    @Option(names = "--fit-fraction", defaultValue = "0.5", paramLabel = "F",
        description = "Fraction of the subsets the model is fitted to; the rest test it (default ${DEFAULT-VALUE}).")
    double fitFraction;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N", description = "Timed MD steps per repeat (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Repeats, median kept (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the subsets (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.out.println(dev.sieve.core.HostInfo.line());
        SettingException.require(subsets >= 6, "subsets", "must be >= 6 (six parameters), got " + subsets);
        SettingException.require(fitFraction > 0 && fitFraction <= 1, "fit-fraction", "must be in (0, 1], got "
            + fitFraction);
        SettingException.require(steps >= 1 && repeats >= 1, "steps", "and --repeats must be >= 1");
        OutputGuard.requireDirectory("--out", out, List.of("cost.json", "cost.md", "run.json"),
            OutputGuard.input("--structure", structure), Outputs.sfSpec("--sf", sf));
        StagedDirectory.checkTarget(out);
        RunInfo run = Provenance.runInfo(spec);
        List<Structure> cells = StructureIO.readAll(structure, ReadOptions.DEFAULT);
        if (cells.isEmpty()) {
            throw new InputException("--structure " + structure + ": no structure");
        }
        Structure cell = cells.get(0);
        SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(cell.distinctElements()));
        CostBenchmark.Result r = CostBenchmark.run(set, cell, hidden, subsets, fitFraction, steps, repeats, seed);
        run.result("parameters", r.fitted().named()).result("max_held_out_error", r.maxHeldOutError());
        Outputs.staged(out, dir -> {
            write(r, set, cell, dir);
            run.write(dir);
        });
        System.out.print(Files.readString(out.resolve("cost.md")));
        return 0;
    }

    private void write(CostBenchmark.Result r, SymmetryFunctionSet set, Structure cell, Path dir) throws Exception {
        List<SymmetryFunction> all = set.forElement(set.elements().get(0));
        Map<SymmetryFunction, Double> marginal = r.marginal(all);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Cost model of %s on %s (%d atoms), one "
            + "thread, µs per atom-step of the force kernel; fitted to %d of %d subsets.%n%n", sf,
            structure.getFileName(), cell.size(), r.fitCount(), r.samples().size()));
        r.fitted().named().forEach((k, v) -> md.append(String.format(Locale.ROOT, "- %s = %.5g%n", k, v)));
        md.append(String.format(Locale.ROOT, "%n| subset | functions | measured | model | %n|---|---|---|---|%n"));
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < r.samples().size(); i++) {
            CostBenchmark.Sample s = r.samples().get(i);
            md.append(String.format(Locale.ROOT, "| %d%s | %d | %.3f | %.3f |%n", i + 1, i < r.fitCount() ? "" : " "
                + "(held out)", s.set().size(), s.forceMicros(), s.predicted()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("functions", s.set().stream().map(f -> all.indexOf(f) + 1).toList());
            m.put("measured_us", s.forceMicros());
            m.put("model_us", s.predicted());
            m.put("fitted", i < r.fitCount());
            samples.add(m);
        }
        md.append(String.format(Locale.ROOT, "%nLargest held-out deviation: %.1f %%.%n%n| # | function | marginal µs "
            + "per atom-step |%n|---|---|---|%n", 100 * r.maxHeldOutError()));
        List<Map<String, Object>> costs = new ArrayList<>();
        int k = 0;
        for (Map.Entry<SymmetryFunction, Double> e : marginal.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %d | `%s` | %.4f |%n", ++k, e.getKey().name(), e.getValue()));
            costs.add(Map.of("function", e.getKey().name(), "marginal_us", e.getValue()));
        }
        AtomicFile.writeString(dir.resolve("cost.md"), md.toString());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("parameters", r.fitted().named());
        root.put("max_held_out_error", r.maxHeldOutError());
        root.put("samples", samples);
        root.put("marginal", costs);
        AtomicFile.writeString(dir.resolve("cost.json"), Json.JSON_PRETTY
            .writeValueAsString(root) + "\n");
    }
}
