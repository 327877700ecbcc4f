package dev.sieve.cli;

import dev.sieve.bench.jmh.KernelBenchmarks;
import dev.sieve.core.InputException;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve bench jmh}: the JMH micro-benchmarks of the kernels. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
    description = {"JMH micro-benchmarks of the hot kernels (dev.sieve.bench.jmh.KernelBenchmarks), one thread: "
        + "neighbour list, symmetry-function values, values + derivatives, the fused MD force kernel (fixed dE/dG), "
        + "array exp (1024 values), dot (71 values) and a 2x10 network's energy + input gradient, on a 500-atom fcc Al "
        + "cell with random displacements of up to 0.25 Å.",
        "Scores are µs per call; the structure kernels' calls cover all 500 atoms (divide by 500 for µs per atom). "
            + "The forked benchmark JVMs get this JVM's options, so the Vector API choice (-Dsieve.vector=false, "
            + "-XX:UseAVX=2) carries over."})
final class BenchJmhCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "KernelBenchmarks", paramLabel = "REGEX",
        description = "Benchmarks whose full name matches (default ${DEFAULT-VALUE}: all), e.g. 'fused|Values'.")
    String regex;

    @Option(names = "--set", defaultValue = "thesis22", paramLabel = "NAME",
        description = "Symmetry functions of the structure kernels: thesis22 or thesis329 (default ${DEFAULT-VALUE}).")
    String set;

    @Option(names = "--forks", defaultValue = "1", paramLabel = "N", description = "Forked JVMs per benchmark (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Warm-up iterations (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Measured iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--time", defaultValue = "1", paramLabel = "S", description = "Seconds per iteration (default ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws RunnerException {
        if (!set.equals("thesis22") && !set.equals("thesis329")) {
            throw new InputException("--set: expected thesis22 or thesis329, got '" + set + "'");
        }
        if (forks < 0 || warmup < 0 || iterations < 1 || seconds < 1) {
            throw new InputException("--forks and --warmup must be >= 0, --iterations and --time >= 1");
        }
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new InputException("REGEX: not a regular expression: '" + regex + "'");
        }
        List<String> names = selected(regex);
        if (names.isEmpty()) {
            throw new InputException("REGEX: no benchmark matches '" + regex + "' (the benchmarks: "
                + String.join(", ", selected("")) + ")");
        }
        ChainedOptionsBuilder o = new OptionsBuilder()
            .param("set", set)
            .forks(forks)
            .warmupIterations(warmup)
            .measurementIterations(iterations)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementTime(TimeValue.seconds(seconds))
            .threads(1);
        for (String nm : names) {
            // exactly the benchmarks selected above (JMH matches its include patterns against the full names)
            o.include("^" + java.util.regex.Pattern.quote(KernelBenchmarks.class.getName() + "." + nm) + "$");
        }
        System.out.println(dev.sieve.core.HostInfo.line());
        new Runner(o.build()).run();
        return 0;
    }

    /**
     * The benchmark methods whose full name ({@code dev.sieve.bench.jmh.KernelBenchmarks.name}) contains a match of
     * {@code regex}, sorted; all of them for the default regex or an empty one.
     */
    static List<String> selected(String regex) {
        java.util.regex.Pattern include = java.util.regex.Pattern.compile(".*(" + regex + ").*");
        List<String> names = new java.util.ArrayList<>();
        for (java.lang.reflect.Method m : KernelBenchmarks.class.getMethods()) {
            if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
                && include.matcher(KernelBenchmarks.class.getName() + "." + m.getName()).matches()) {
                names.add(m.getName());
            }
        }
        java.util.Collections.sort(names);
        return names;
    }
}
