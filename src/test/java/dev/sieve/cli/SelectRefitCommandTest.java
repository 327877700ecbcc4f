package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectRefitCommandTest {

    @Test
    void helpDocumentsTheRules() {
        Cli.Result r = Cli.run("refit", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("knee[:C]").contains("chord").contains("tol:X%").contains("count:N");
        Cli.Result s = Cli.run("select", "--help");
        assertThat(s.code()).isZero();
        assertThat(s.out()).contains("--lambdas").contains("--lambda-factor").contains("--resume").contains("--forces");
    }

    @Test
    void userMistakesAreOneLineExitTwo(@TempDir Path tmp) {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Cli.Result r = Cli.run("select", "--data", data.toString(), "--out", tmp.resolve("x").toString(),
            "--lambda-factor", "0.9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--lambda-factor").contains("0.9");
        r = Cli.run("select", "--data", data.toString(), "--out", tmp.resolve("x").toString(), "--lambdas", "0.1,0.05");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("0.05");
        r = Cli.run("refit", "--path", tmp.resolve("nothing").toString(), "--choose", "knee", "--test", data.toString(),
            "--out", tmp.resolve("y").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("path.json");
    }

    @Test
    void referenceSetsAreRefitAsRowsOnTheSameSplits(@TempDir Path tmp) throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path authors = SharedData.data("al-mendelev/seed-code-sets/authors_2.yaml");
        Path path = tmp.resolve("path");
        Cli.Result s = Cli.run("select", "--data", data.toString(), "--every", "25", "--out", path.toString(),
            "--hidden", "4,4", "--epochs", "4", "--fit-epochs", "3", "--fit-patience", "0", "--batch", "4",
            "--fit-lr", "0.01", "--lambdas", "8,300", "--prox", "plain");
        assertThat(s.code()).as(s.err()).isZero();
        Path out = tmp.resolve("refit");
        Cli.Result bad = Cli.run("refit", "--path", path.toString(), "--reference-set", "authors", "--test",
            data.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--reference-set").contains("NAME=FILE");
        assertThat(out).doesNotExist();
        Cli.Result r = Cli.run("refit", "--path", path.toString(), "--reference-set", "authors-2=" + authors,
            "--no-full", "--splits", "2", "--epochs", "2", "--test", data.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode row = new ObjectMapper().readTree(out.resolve("refit.json").toFile()).get("rows").get(0);
        assertThat(row.get("choice").asText()).isEqualTo("authors-2");
        assertThat(row.get("features").asInt()).isEqualTo(2);
        assertThat(row.get("test_rmse_mev_atom").get("values")).hasSize(2);
        assertThat(Files.readString(out.resolve("refit.md"))).contains("| authors-2 |");
        assertThat(out.resolve("authors-2").resolve("split-2").resolve("input.nn")).isRegularFile();
    }

    @Test
    void selectThenRefitWritesTheSeedsTable(@TempDir Path tmp) throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path path = tmp.resolve("path");
        Cli.Result s = Cli.run("select", "--data", data.toString(), "--every", "25", "--out", path.toString(),
            "--hidden", "6,6", "--epochs", "10", "--fit-epochs", "4", "--fit-patience", "0", "--batch", "4",
            "--fit-lr", "0.01", "--lambdas", "8,16,25,40,70,150,300", "--prox", "plain", "--threads", "2");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("dense fit").contains("point 1");
        // refit's --print-config (the path's settings, this command line over them) reads back unchanged
        Cli.Result p1 = Cli.run("refit", "--path", path.toString(), "--choose", "knee", "--choose", "count:3",
            "--test", data.toString(), "--out", tmp.resolve("never").toString(), "--epochs", "3", "--print-config");
        assertThat(p1.code()).as(p1.err()).isZero();
        assertThat(p1.out()).contains("\nhidden: [6, 6]\n").contains("\nepochs: 3\n").contains("\nchoose: [knee, count:3]\n");
        Path yaml = tmp.resolve("refit.yaml");
        java.nio.file.Files.writeString(yaml, p1.out());
        Cli.Result p2 = Cli.run("refit", "--config", yaml.toString(), "--print-config");
        assertThat(p2.code()).as(p2.err()).isZero();
        assertThat(p2.out()).isEqualTo(p1.out());
        assertThat(tmp.resolve("never")).doesNotExist();
        Path md = tmp.resolve("cell.xyz");
        StructureIO.write(md, List.of(StructureIO.readAll(data).get(0)));
        Path out = tmp.resolve("refit");
        Cli.Result r = Cli.run("refit", "--path", path.toString(), "--choose", "knee", "--choose", "count:3",
            "--splits", "2", "--epochs", "3", "--test", data.toString(), "--out", out.toString(), "--md-structure",
            md.toString(), "--md-steps", "2", "--md-warmup", "1", "--threads", "2", "--hidden", "6,6", "--split", "0.75");
        // --hidden is also in the path's settings: the command line's list replaces it (was joined to 6,6,6,6)
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : List.of("refit.md", "refit.csv", "refit.json", "run.json")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        // the path standardised its candidates (select's default); the refit scales min-max, as train does
        assertThat(Files.readString(path.resolve("path.json"))).contains("\"scaling\" : \"sigma\"");
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).at("/options/config/scaling").asText())
            .isEqualTo("minmax");
        String table = Files.readString(out.resolve("refit.md"));
        assertThat(table).contains("| knee |").contains("| count:3 |").contains("| full |").contains("± ")
            .contains("over 2 random 75/25 splits");
        JsonNode j = new ObjectMapper().readTree(out.resolve("refit.json").toFile());
        assertThat(j.get("rows")).hasSize(3);
        JsonNode full = j.get("rows").get(2);
        assertThat(full.get("features").asInt()).isEqualTo(22);
        assertThat(full.get("angular").asInt()).isEqualTo(10);
        assertThat(j.get("rows").get(1).get("features").asInt()).isLessThanOrEqualTo(3);
        for (JsonNode row : j.get("rows")) {
            JsonNode mse = row.get("test_mse_ev2");
            assertThat(mse.get("values")).hasSize(2);
            double m = (mse.get("values").get(0).asDouble() + mse.get("values").get(1).asDouble()) / 2;
            assertThat(mse.get("mean").asDouble()).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-9 * m));
            // seeds' RMSE = sqrt(MSE)/N with N = 256 for every structure of this set
            JsonNode rm = row.get("test_rmse_mev_atom").get("values");
            assertThat(rm.get(0).asDouble()).isCloseTo(1e3 * Math.sqrt(mse.get("values").get(0).asDouble()) / 256,
                org.assertj.core.data.Percentage.withPercentage(1e-6));
            assertThat(row.get("md_steps_per_s").asDouble()).isPositive();
            assertThat(out.resolve(row.get("choice").asText().replace(':', '_')).resolve("split-2")
                .resolve("input.nn")).isRegularFile();
        }
        // with 2 threads the two splits trained side by side, one thread each: the same errors as one thread
        Path seq = tmp.resolve("refit1");
        Cli.Result r1 = Cli.run("refit", "--path", path.toString(), "--choose", "knee", "--choose", "count:3",
            "--splits", "2", "--epochs", "3", "--test", data.toString(), "--out", seq.toString(), "--threads", "1",
            "--hidden", "6,6", "--split", "0.75");
        assertThat(r1.code()).as(r1.err()).isZero();
        JsonNode j1 = new ObjectMapper().readTree(seq.resolve("refit.json").toFile());
        for (int k = 0; k < 3; k++) {
            assertThat(j1.get("rows").get(k).get("test_mse_ev2").get("values"))
                .isEqualTo(j.get("rows").get(k).get("test_mse_ev2").get("values"));
        }
    }
}
