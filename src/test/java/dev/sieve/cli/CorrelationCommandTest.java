package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesClustersAlternativesAndAHeatMap() throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        SymmetryFunctionSet all = SfSpec.resolve("thesis22", List.of("Al"));
        Path set = tmp.resolve("sf.yaml");
        SfSetFile.write(set, all.select("two", Map.of("Al", new int[] {0, 15})));
        Path out = tmp.resolve("corr");
        Cli.Result r = Cli.run("correlation", "--data", data.toString(), "--limit", "5", "--set", set.toString(),
            "--threshold", "0.9", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Al: 22 candidates form");
        for (String f : List.of("correlation.md", "correlation_Al.csv", "correlation_Al.png", "correlation_Al.svg",
            "run.json")) {
            assertThat(out.resolve(f)).exists();
        }
        List<String> csv = Files.readAllLines(out.resolve("correlation_Al.csv"));
        assertThat(csv).hasSize(23);
        String[] row1 = csv.get(1).split(",");
        assertThat(Double.parseDouble(row1[1])).isEqualTo(1.0); // diagonal
        String md = Files.readString(out.resolve("correlation.md"));
        assertThat(md).contains("| selected function | correlated alternatives").contains("| 1 `G2:Al:Al")
            .contains("| 16 `G");
        Cli.Result bad = Cli.run("correlation", "--data", data.toString(), "--threshold", "1.5", "--out",
            out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--threshold");
    }
}
