package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.report.WelchTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path tmp;

    /** A refit.json row as sieve refit writes it (the means and stds are not read by compare). */
    private static String row(String choice, int d, double[] rmse, double[] fmae) {
        return "{\"choice\":\"" + choice + "\",\"point\":3,\"lambda\":0.1,\"features\":" + d + ",\"angular\":1,"
            + "\"test_mse_ev2\":" + stats(rmse) + ",\"test_rmse_mev_atom\":" + stats(rmse) + ","
            + "\"test_mae_mev_atom\":" + stats(rmse) + ",\"test_force_mae_ev_a\":" + stats(fmae) + ","
            + "\"test_force_rmse_ev_a\":" + stats(fmae) + ",\"md_steps_per_s\":" + (100.0 / d)
            + ",\"best_split\":1,\"seconds\":1.0}";
    }

    private static String stats(double[] values) {
        return "{\"mean\":0,\"std\":0,\"values\":" + java.util.Arrays.toString(values) + "}";
    }

    private Path refit(String name, String... rows) throws Exception {
        Path d = tmp.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("refit.json"), "{\"splits\":3,\"md\":null,\"rows\":[" + String.join(",", rows) + "]}");
        return d;
    }

    @Test
    void twoMethodsGiveOneTableFiguresAndWelchTestsAtEqualCounts() throws Exception {
        Path agl = refit("agl", row("count:6", 6, new double[] {1.5, 1.7, 1.6}, new double[] {0.03, 0.031, 0.029}),
            row("count:2", 2, new double[] {2.9, 3.1, 3.0}, new double[] {0.05, 0.06, 0.055}));
        Path rnd = refit("rand", row("count:6", 6, new double[] {2.5, 2.9, 2.7}, new double[] {0.04, 0.05, 0.045}));
        Path out = tmp.resolve("cmp");
        Cli.Result r = Cli.run("compare", agl.toString(), rnd + "=random", "--pair", "agl/count:6,agl/count:2",
            "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"compare.md", "compare.csv", "compare.json", "compare.png", "compare.svg",
            "compare_forces.png", "compare_forces.svg", "pareto.png", "pareto.svg", "run.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(j.path("rows")).hasSize(3);
        // agl vs random at 6 features: energy and forces; the pair: energy and forces
        assertThat(j.path("tests")).hasSize(4);
        JsonNode t0 = j.path("tests").get(0);
        assertThat(t0.path("a").asText()).isEqualTo("agl/count:6");
        assertThat(t0.path("b").asText()).isEqualTo("random/count:6");
        WelchTest w = WelchTest.of(new double[] {1.5, 1.7, 1.6}, new double[] {2.5, 2.9, 2.7});
        assertThat(t0.path("p").asDouble()).isEqualTo(w.p()).isLessThan(0.05);
        assertThat(r.out()).contains("| agl | count:6 | 6 |").contains("| random | count:6 | 6 |");
        // front: agl/count:2 (fastest) and agl/count:6 (most accurate); random/count:6 is dominated by agl/count:6
        assertThat(r.out()).contains("| agl | count:2 | 2 | 50.0 |").contains("| agl | count:6 | 6 | 16.7 |")
            .doesNotContain("| random | count:6 | 6 | 16.7 |");
        assertThat(r.out()).contains("Fastest set within 5 % of the best mean test RMSE: agl count:6");
    }

    @Test
    void aDirectoryWithoutARefitTableIsOneLine() throws Exception {
        Path empty = tmp.resolve("nothing");
        Files.createDirectories(empty);
        Cli.Result r = Cli.run("compare", empty.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("no refit.json");
    }
}
