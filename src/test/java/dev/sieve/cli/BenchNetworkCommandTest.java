package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Smoke test of {@code sieve bench network} (runs for a fraction of a second; checks the output, not the speed). */
class BenchNetworkCommandTest {
    @Test
    void printsAllCases() {
        Cli.Result r = Cli.run("bench", "network", "--inputs", "5", "--hidden", "4,3", "--batch-atoms", "70",
                "--seconds", "0.02", "--repeats", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("network 5-4-3-1 (", "batch 70 atoms", "forward + backward + Adam",
                "forward + input gradient", "forward + force term");
    }

    @Test
    void rejectsBadOptions() {
        Cli.Result r = Cli.run("bench", "network", "--hidden", "4,0", "--seconds", "0.01");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--hidden");
    }
}
