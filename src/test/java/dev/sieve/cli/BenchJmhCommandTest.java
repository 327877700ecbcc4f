package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.bench.jmh.KernelBenchmarks;
import org.junit.jupiter.api.Test;

/** {@code sieve bench jmh}: its error paths, and the benchmark bodies run once outside JMH (not timed). */
class BenchJmhCommandTest {
    @Test
    void rejectsAnUnknownSetAndARegexThatMatchesNothing() {
        Cli.Result r = Cli.run("bench", "jmh", "--set", "thesis99");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--set", "thesis99");
        Cli.Result none = Cli.run("bench", "jmh", "noSuchBenchmark", "--forks", "0", "--warmup", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("noSuchBenchmark");
    }

    @Test
    void theBenchmarkBodiesRunAndAgree() {
        KernelBenchmarks b = new KernelBenchmarks();
        b.set = "thesis22";
        b.setUp();
        double values = b.descriptorValues();
        assertThat(b.descriptorDerivatives()).isFinite();
        // the fused kernel returns the sum of G[0] over the atoms (+ a force component): the same values
        double fused = b.fusedForces();
        assertThat(fused).isFinite();
        assertThat(b.dot71()).isFinite();
        assertThat(b.networkEnergyAndGradient()).isFinite();
        assertThat(values).isPositive();
    }

    /**
     * The default regex (the class name) selects every benchmark — JMH once got "KernelBenchmarks.*(KernelBenchmarks)"
     * as its include pattern, found nothing and ended in a stack trace — and a regex selects what it matches.
     */
    @Test
    void theDefaultSelectsEveryBenchmarkAndARegexItsMatches() {
        int all = 0;
        for (java.lang.reflect.Method m : KernelBenchmarks.class.getMethods()) {
            all += m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class) ? 1 : 0;
        }
        assertThat(all).isGreaterThanOrEqualTo(7);
        assertThat(BenchJmhCommand.selected("KernelBenchmarks")).hasSize(all).contains("exp1024", "fusedForces");
        assertThat(BenchJmhCommand.selected("exp1024|dot71")).containsExactly("dot71", "exp1024");
        assertThat(BenchJmhCommand.selected("nothing-like-this")).isEmpty();
    }
}
