package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every config file in {@code examples/} in-process, as the README tour does ({@code --config
 * examples/X.yaml}), with command-line overrides that make it tiny: a few structures, a few epochs, a temporary
 * {@code --out}. The examples on the mlearn Cu set are skipped when {@code ../shared} is absent.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    /** The examples this test runs; a new file in examples/ needs a test here. */
    static final Set<String> TESTED = Set.of("train-dft.yaml", "select-pool.yaml", "demo-size.yaml", "refit.yaml",
        "md.yaml");

    @TempDir
    Path tmp;

    @Test
    void everyExampleIsRunHere() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            s.map(p -> p.getFileName().toString()).forEach(files::add);
        }
        assertThat(files).isEqualTo(new TreeSet<>(TESTED));
    }

    @Test
    void trainDft() throws IOException {
        Path train = subset(SharedData.data("mlearn/xyz/Cu_train.xyz"), 8, "train.xyz");
        Path test = subset(SharedData.data("mlearn/xyz/Cu_test.xyz"), 2, "test.xyz");
        SharedData.data("mlearn/nnp_models/Cu/input.nn");
        Path out = tmp.resolve("cu-train");
        run("train", "--config", example("train-dft.yaml"), "--data", train.toString(), "--test", test.toString(),
            "--epochs", "2", "--quiet", "--out", out.toString());
        for (String f : List.of("input.nn", "scaling.data", "weights.029.data", "lammps.in", "metrics.json")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        // the file's settings were applied (the command line only shrank the run)
        String nn = Files.readString(out.resolve("input.nn"));
        assertThat(nn).containsPattern("global_nodes_short\\s+8\\s+8");
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.toString()).contains("kalman");
    }

    @Test
    void selectPool() throws IOException {
        Path data = subset(SharedData.data("mlearn/xyz/Cu_train.xyz"), 10, "train.xyz");
        Path out = tmp.resolve("cu-path");
        run("select", "--config", example("select-pool.yaml"), "--data", data.toString(), "--every", "1",
            "--epochs", "3", "--fit-epochs", "2", "--fit-patience", "0", "--lambdas", "10,1000", "--no-models",
            "--out", out.toString());
        assertThat(out.resolve("path.json")).isNotEmptyFile();
        assertThat(out.resolve("path.csv")).isNotEmptyFile();
        assertThat(out.resolve("candidates.yaml")).isNotEmptyFile();
    }

    /** The select example, then the refit example on its path, then the md example with a refitted model. */
    @Test
    void refitAndMdAfterSelect() throws IOException {
        Path data = subset(SharedData.data("mlearn/xyz/Cu_train.xyz"), 12, "train.xyz");
        Path test = subset(SharedData.data("mlearn/xyz/Cu_test.xyz"), 2, "test.xyz");
        Path path = tmp.resolve("cu-path");
        run("select", "--config", example("select-pool.yaml"), "--data", data.toString(), "--every", "1",
            "--epochs", "3", "--fit-epochs", "2", "--fit-patience", "0", "--lambdas", "10,1000", "--no-models",
            "--out", path.toString());
        Path refit = tmp.resolve("cu-refit");
        run("refit", "--config", example("refit.yaml"), "--path", path.toString(), "--choose", "count:30",
            "--test", test.toString(), "--force-atoms", "4", "--epochs", "2", "--splits", "1", "--out",
            refit.toString());
        assertThat(refit.resolve("refit.md")).isNotEmptyFile();
        Path md = tmp.resolve("cu-md");
        run("md", "--config", example("md.yaml"), "--model", refit.resolve("full").resolve("split-1").toString(),
            "--structure", test.toString(), "--steps", "4", "--thermo", "2", "--dump", "2", "--sample-after", "0", "--sample-every", "2",
            "--quiet", "--out", md.toString());
        for (String f : List.of("thermo.csv", "trajectory.xyz", "restart.json", "rdf.csv")) {
            assertThat(md.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(md.resolve("run.json"))).contains("\"ensemble\" : \"LANGEVIN\"");
    }

    @Test
    void demoSize() throws IOException {
        String train = tmp.resolve("al-train.xyz").toString();
        String test = tmp.resolve("al-test.xyz").toString();
        List<String> gen = List.of("generate", "--reference", "sutton-chen-al", "--atoms", "32", "--temperatures",
            "300,1500", "--equilibrate", "100", "--melt-time", "100", "--interval", "20", "--threads", "1", "--quiet");
        run(gen, "--frames", "12", "--out", train);
        run(gen, "--frames", "4", "--seed", "2", "--out", test);
        Path out = tmp.resolve("al-train");
        run("train", "--config", example("demo-size.yaml"), "--data", train, "--test", test, "--epochs", "3",
            "--quiet", "--out", out.toString());
        for (String f : List.of("input.nn", "scaling.data", "weights.013.data", "metrics.json")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("input.nn"))).containsPattern("global_nodes_short\\s+10\\s+10");
    }

    private static String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    /** The first {@code n} structures of {@code file}, written to the temporary directory. */
    private Path subset(Path file, int n, String name) {
        List<Structure> all = StructureIO.readAll(file);
        Path p = tmp.resolve(name);
        StructureIO.write(p, all.subList(0, Math.min(n, all.size())));
        return p;
    }

    private static void run(String... args) {
        run(List.of(args));
    }

    private static void run(List<String> command, String... rest) {
        List<String> a = new ArrayList<>(command);
        a.addAll(List.of(rest));
        Cli.Result r = Cli.run(a.toArray(new String[0]));
        assertThat(r.code()).as(String.join(" ", a) + "\n" + r.err()).isZero();
    }
}
