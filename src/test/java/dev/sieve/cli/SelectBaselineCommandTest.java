package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve select --method}: the option's mistakes, and a baseline path that {@code sieve refit} reads. */
class SelectBaselineCommandTest {

    @Test
    void unknownMethodIsOneLineNamingTheOptionAndTheMethods(@TempDir Path tmp) {
        // settings are checked before any data is read: the data file need not exist
        String data = tmp.resolve("none.xyz").toString();
        String out = tmp.resolve("x").toString();
        Cli.Result r = Cli.run("select", "--data", data, "--out", out, "--method", "lasso");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--method").contains("'lasso'")
            .contains("agl, gl, every-k, random, cur, fps, range, sensitivity, weights");
        r = Cli.run("select", "--data", data, "--out", out, "--counts", "8,4", "--lambdas", "1,2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--counts").contains("--lambdas");
        r = Cli.run("select", "--data", data, "--out", out, "--method", "cur", "--counts", "8,0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--counts").contains("0");
        r = Cli.run("select", "--data", data, "--out", out, "--method", "fps", "--resume");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--resume");
        r = Cli.run("select", "--data", data, "--out", out, "--method", "gl", "--gamma", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--gamma").contains("gl");
        Cli.Result h = Cli.run("select", "--help");
        assertThat(h.out()).contains("--method").contains("--counts").contains("sensitivity");
    }

    @Test
    void curBaselineThenRefit(@TempDir Path tmp) throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path path = tmp.resolve("cur");
        Cli.Result s = Cli.run("select", "--data", data.toString(), "--every", "40", "--out", path.toString(),
            "--method", "cur", "--counts", "8,4", "--hidden", "4,4", "--epochs", "4", "--fit-epochs", "3",
            "--fit-patience", "0", "--batch", "4", "--threads", "2");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("dense fit").contains("point 2 (cur)");
        JsonNode pj = new ObjectMapper().readTree(path.resolve("path.json").toFile());
        assertThat(pj.get("config").get("method").asText()).isEqualTo("cur");
        assertThat(pj.get("config").get("counts").asText()).isEqualTo("[8, 4]");
        assertThat(pj.get("config").has("gamma")).isFalse();
        assertThat(pj.get("finished").asBoolean()).isTrue();
        JsonNode pts = pj.get("points");
        assertThat(pts).hasSize(3);
        assertThat(pts.get(0).get("features").asInt()).isEqualTo(22);
        for (int k = 1; k <= 2; k++) {
            JsonNode p = pts.get(k);
            assertThat(p.get("features").asInt()).isEqualTo(k == 1 ? 8 : 4);
            assertThat(p.get("lambda").asDouble()).isZero();
            assertThat(Double.isFinite(p.get("valLoss").asDouble())).isTrue();
            assertThat(path.resolve(p.get("setFile").asText())).isRegularFile();
            assertThat(path.resolve(p.get("modelDir").asText()).resolve("input.nn")).isRegularFile();
        }
        // greedy CUR is nested: the 4 are among the 8
        var s8 = SfSetFile.read(path.resolve("points/p001/sf.yaml")).forElement("Al");
        var s4 = SfSetFile.read(path.resolve("points/p002/sf.yaml")).forElement("Al");
        assertThat(s8).containsAll(s4);
        assertThat(Files.readString(path.resolve("path.csv")).lines()).hasSize(4);
        assertThat(path.resolve("run.json")).isRegularFile();

        List<Structure> all = StructureIO.readAll(data);
        Path test = tmp.resolve("test.xyz");
        StructureIO.write(test, List.of(all.get(1), all.get(2), all.get(3)));
        Path out = tmp.resolve("refit");
        Cli.Result r = Cli.run("refit", "--path", path.toString(), "--choose", "knee", "--choose", "count:4",
            "--splits", "1", "--epochs", "2", "--test", test.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.resolve("refit.json").toFile());
        assertThat(j.get("rows")).hasSize(3);
        assertThat(j.get("rows").get(1).get("choice").asText()).isEqualTo("count:4");
        assertThat(j.get("rows").get(1).get("features").asInt()).isEqualTo(4);
        assertThat(j.get("rows").get(1).get("point").asInt()).isEqualTo(2);
        assertThat(j.get("rows").get(2).get("features").asInt()).isEqualTo(22);
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.toString()).contains("\"method\":\"cur\"");
    }

    @Test
    void glIsThePathWithUnitAdaptiveWeights(@TempDir Path tmp) throws Exception {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path path = tmp.resolve("gl");
        Cli.Result s = Cli.run("select", "--data", data.toString(), "--every", "40", "--out", path.toString(),
            "--method", "gl", "--hidden", "4,4", "--epochs", "3", "--fit-epochs", "2", "--fit-patience", "0",
            "--batch", "4", "--lambdas", "10,100", "--threads", "2", "--no-models");
        assertThat(s.code()).as(s.err()).isZero();
        JsonNode pj = new ObjectMapper().readTree(path.resolve("path.json").toFile());
        assertThat(pj.get("config").get("method").asText()).isEqualTo("gl");
        assertThat(pj.get("config").get("gamma").asText()).isEqualTo("0.0");
        assertThat(pj.get("points").size()).isGreaterThanOrEqualTo(2);
    }
}
