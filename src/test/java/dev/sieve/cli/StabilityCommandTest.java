package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityCommandTest {
    @TempDir
    Path tmp;

    private Path path(Path data, int seed) {
        return path(data, seed, "thesis22");
    }

    private Path path(Path data, int seed, String sf) {
        Path out = tmp.resolve("path" + seed);
        Cli.Result s = Cli.run("select", "--data", data.toString(), "--every", "25", "--out", out.toString(), "--sf", sf,
            "--hidden", "4", "--epochs", "5", "--fit-epochs", "3", "--fit-patience", "0", "--batch", "4",
            "--fit-lr", "0.01", "--lambdas", "20,60,200,600", "--seed", String.valueOf(seed), "--no-models");
        assertThat(s.code()).as(s.err()).isZero();
        return out;
    }

    @Test
    void frequenciesOverPathsAreTabulatedAndPlotted() throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path a = path(data, 1);
        Path b = path(data, 2);
        Path out = tmp.resolve("stab");
        Cli.Result r = Cli.run("stability", a.toString(), b.toString(), "--counts", "22,5", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : List.of("stability.md", "stability.csv", "stability.png", "stability.svg", "run.json")) {
            assertThat(out.resolve(f)).exists();
        }
        List<String> csv = Files.readAllLines(out.resolve("stability.csv"));
        assertThat(csv.get(0)).isEqualTo("index,element,name,freq_at_22,freq_at_5,kept_down_to_mean,kept_down_to_std");
        assertThat(csv).hasSize(23); // thesis22: 22 candidates
        double sumAt22 = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            double freq = Double.parseDouble(f[3]);
            assertThat(freq).isIn(0.0, 0.5, 1.0);
            sumAt22 += freq;
        }
        // every path's set at 22 is the dense fit's full set
        assertThat(sumAt22).isEqualTo(22.0);
        assertThat(r.out()).contains("22 candidates over 2 paths; 22 are in every path's set of 22");
        Cli.Result bad = Cli.run("stability", a.toString(), tmp.resolve("none").toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).contains("no path.json");
    }

    @Test
    void pathsOverOtherCandidatesAreRefusedNamingBoth() throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path a = path(data, 1);
        Path b = path(data, 2, "grid:rc=6,n=4,ang_n=1,zetas=1");
        Path out = tmp.resolve("stab");
        java.util.Map<String, String> before = OutputSafetyTest.snapshot(tmp);
        Cli.Result r = Cli.run("stability", a.toString(), b.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("PATHDIR " + a + " and PATHDIR " + b + " have different candidates (22 and ")
            .contains("only in " + a + ": ").contains("only in " + b + ": ");
        assertThat(OutputSafetyTest.snapshot(tmp)).isEqualTo(before);
    }
}
