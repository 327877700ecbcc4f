package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectCostCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aCostAwarePathMeasuresTheKernelOnceAndKeepsTheModelForAResume() throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path out = tmp.resolve("path");
        String[] args = {"select", "--data", data.toString(), "--every", "25", "--out", out.toString(), "--hidden",
            "4", "--epochs", "5", "--fit-epochs", "3", "--fit-patience", "0", "--batch", "4", "--fit-lr", "0.01",
            "--lambdas", "20,60,200,600", "--no-models", "--cost-weight", "1", "--cost-structure", data.toString()};
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cost model (force kernel on al_mendelev_256_test.xyz.gz, 256 atoms)");
        assertThat(out.resolve("cost-model.json")).exists();
        String saved = Files.readString(out.resolve("cost-model.json"));
        assertThat(Files.readString(out.resolve("path.json"))).contains("\"cost_weight\" : \"1.0\"");
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        Cli.Result again = Cli.run(resume);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("cost model (force kernel");
        assertThat(Files.readString(out.resolve("cost-model.json"))).isEqualTo(saved);
        Cli.Result bad = Cli.run("select", "--data", data.toString(), "--out", tmp.resolve("x").toString(),
            "--cost-weight", "1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--cost-structure");
    }
}
