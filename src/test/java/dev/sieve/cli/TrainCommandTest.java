package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    static Path tmp;

    static Path data;
    static Path test;
    static Path sfWithConstant;

    static final String SF = "grid:rc=4.2,n=3,ang_n=1,zetas=1;2";

    /** Small periodic Al/Cu cells with a smooth synthetic energy and its forces. */
    static List<Structure> structures(int count, long seed, String second) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        double l = 4.6;
        for (int s = 0; s < count; s++) {
            int n = 4 + r.nextInt(3);
            double[] pos = new double[3 * n];
            String[] el = new String[n];
            for (int i = 0; i < n; i++) {
                el[i] = i % 2 == 0 ? "Al" : second;
                boolean ok;
                do {
                    ok = true;
                    for (int c = 0; c < 3; c++) {
                        pos[3 * i + c] = r.nextDouble() * l;
                    }
                    for (int j = 0; j < i && ok; j++) {
                        double d2 = 0;
                        for (int c = 0; c < 3; c++) {
                            double x = pos[3 * i + c] - pos[3 * j + c];
                            x -= l * Math.rint(x / l);
                            d2 += x * x;
                        }
                        ok = d2 > 1.9 * 1.9;
                    }
                } while (!ok);
            }
            double e = -3.0 * n + 0.1 * r.nextDouble();
            double[] f = new double[3 * n];
            for (int q = 0; q < f.length; q++) {
                f[q] = 0.2 * (r.nextDouble() - 0.5);
            }
            out.add(new Structure(null, Cell.orthorhombic(l, l, l), null, el, pos, e, f, null, null, null, "tiny", s));
        }
        return out;
    }

    @BeforeAll
    static void files() throws Exception {
        data = tmp.resolve("train.xyz");
        test = tmp.resolve("test.xyz");
        StructureIO.write(data, structures(10, 1, "Cu"));
        StructureIO.write(test, structures(3, 2, "Cu"));
        sfWithConstant = tmp.resolve("const.nn");
        Files.writeString(sfWithConstant, String.join("\n",
            "number_of_elements 2", "elements Al Cu", "cutoff_type 1",
            "symfunction_short Al 2 Al 0.5 0.0 4.2",
            "symfunction_short Al 2 Cu 0.5 0.0 4.2",
            "symfunction_short Al 2 Al 0.5 0.0 1.5",
            "symfunction_short Cu 2 Al 0.5 0.0 4.2",
            "symfunction_short Cu 2 Cu 0.5 0.0 4.2", ""));
    }

    private static String[] args(Path out, String... extra) {
        return argsSf(out, SF, extra);
    }

    private static String[] argsSf(Path out, String sf, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--sf", sf, "--hidden", "4,3",
            "--epochs", "3", "--batch", "4", "--quiet", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void trainsAndWritesEverything() throws Exception {
        Path out = tmp.resolve("ok");
        Cli.Result r = Cli.run(args(out, "--test", test.toString(), "--forces", "0.1", "--threads", "2"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained 3 epochs").contains("test energy").contains("test forces");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.path("test").path("overall").path("energyRmseMevPerAtom").isNumber()).isTrue();
        assertThat(m.path("test").path("overall").path("forceRmseEvPerA").asDouble()).isPositive();
        assertThat(out.resolve("run.json")).exists();
        assertThat(Files.readString(out.resolve("input.nn"))).contains("atom_energy Al").contains("scale_symmetry_functions");
        // the written directory is a potential sieve predict reads
        Cli.Result p = Cli.run("predict", "--model", out.toString(), "--data", test.toString(), "--out",
            tmp.resolve("pred.xyz").toString());
        assertThat(p.code()).as(p.err()).isZero();
    }

    @Test
    void configFileGivesOptionsAndTheCommandLineOverridesIt() throws Exception {
        Path cfg = tmp.resolve("train.yaml");
        Path out = tmp.resolve("cfg");
        Files.writeString(cfg, "data: " + data + "\nsf: \"" + SF + "\"\nhidden: [4, 3]\nepochs: 5\nbatch: 4\n"
            + "quiet: true\nout: " + out + "\noptimizer: sgd\nmomentum: 0.5\nlr: 0.001\n");
        Cli.Result r = Cli.run("train", "--config", cfg.toString(), "--epochs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained 2 epochs");
        assertThat(Files.readAllLines(out.resolve("learning_curve.csv")).get(1)).startsWith("1,0.00100000,");
        Files.writeString(cfg, "data: " + data + "\nbogus: 1\n");
        Cli.Result bad = Cli.run("train", "--config", cfg.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).contains("unknown option 'bogus'");
    }

    @Test
    void explicitValidationFileAndBench() {
        Path out = tmp.resolve("val");
        Cli.Result r = Cli.run(args(out, "--validation", test.toString(), "--scaling", "standardize"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("validation energy").contains("(3 structures)").contains("(10 structures)");
        Cli.Result b = Cli.run("bench", "train", "--data", data.toString(), "--sf", SF, "--limit", "6", "--epochs", "2",
            "--warmup", "1", "--warmup-seconds", "0", "--repeats", "3", "--hidden", "4", "--batch", "3");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("6 structures").contains("atom-evaluations/s")
            .contains("median of 3 blocks of 2 epochs").contains("after 1 warm-up epochs");
        Cli.Result bad = Cli.run("bench", "train", "--data", data.toString(), "--sf", SF, "--repeats", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("repeats").contains("must be >= 1, got 0");
    }

    @Test
    void noEnergyOffsetTrainsOnRawEnergies() throws Exception {
        Path out = tmp.resolve("raw");
        Cli.Result r = Cli.run(args(out, "--no-energy-offset"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("input.nn"))).doesNotContain("atom_energy");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.path("atom_energies_ev").path("Al").asDouble()).isZero();
        Path withOffset = tmp.resolve("ok-offset");
        assertThat(Cli.run(args(withOffset)).code()).isZero();
        JsonNode m2 = new ObjectMapper().readTree(withOffset.resolve("metrics.json").toFile());
        assertThat(m2.path("atom_energies_ev").path("Al").asDouble()).isNegative();
    }

    @Test
    void helpDescribesEveryOption() {
        Cli.Result r = Cli.run("train", "--help");
        assertThat(r.code()).isZero();
        for (String o : List.of("--data", "--test", "--validation", "--sf", "--hidden", "--activation", "--forces",
            "--force-atoms", "--epochs", "--batch", "--lr", "--optimizer", "--momentum", "--schedule", "--l2",
            "--l2-all", "--min-delta", "--patience", "--scaling", "--drop-constant", "--no-energy-offset", "--seed",
            "--threads", "--checkpoint-every", "--resume", "--config", "--quiet")) {
            assertThat(r.out()).contains(o);
        }
        assertThat(r.out()).contains("drawn once with the seed");
        for (picocli.CommandLine.Model.OptionSpec o : new picocli.CommandLine(new TrainCommand()).getCommandSpec()
            .options()) {
            assertThat(String.join(" ", o.description())).as(o.longestName()).isNotBlank();
        }
    }

    private static void userError(String expected, String... a) {
        Cli.Result r = Cli.run(a);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(expected);
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Path out = tmp.resolve("bad");
        userError("--hidden must be >= 1, got 0", args(out, "--hidden", "4,0"));
        userError("--optimizer 'lbfgs' is unknown; expected one of [adam, sgd, rmsprop, kalman, lm]", args(out, "--optimizer", "lbfgs"));
        userError("--activation 'swish' is unknown", args(out, "--activation", "swish"));
        userError("--schedule 'linear' is unknown", args(out, "--schedule", "linear"));
        userError("--scaling 'robust' is unknown", args(out, "--scaling", "robust"));
        userError("--split must be", args(out, "--split", "1.5"));
        userError("--data FILE is required", "train", "--out", out.toString());
        userError("--resume needs a checkpoint, but there is none", args(tmp.resolve("nothing-here"), "--resume"));
    }

    @Test
    void badDataIsAOneLineError() throws Exception {
        Path out = tmp.resolve("baddata");
        // test data with an element the model will not have
        Path ni = tmp.resolve("ni.xyz");
        StructureIO.write(ni, structures(2, 3, "Ni"));
        userError("is Ni, but the symmetry-function set has only [Al, Cu]", args(out, "--test", ni.toString()));
        // one structure cannot be split
        Path one = tmp.resolve("one.xyz");
        StructureIO.write(one, structures(1, 4, "Cu"));
        userError("leaves 1 for training and 0 for validation", "train", "--data", one.toString(), "--sf", SF,
            "--quiet", "--out", out.toString());
        // a constant symmetry function (no neighbour within 1.5 Å)
        userError("symmetry function 1 of Al", argsSf(out, sfWithConstant.toString()));
        userError("is constant on the training split", argsSf(out, sfWithConstant.toString()));
        // divergence: the loss becomes NaN/infinite; the message names epoch and batch
        userError("at epoch 1, batch", args(out, "--optimizer", "sgd", "--lr", "1e200", "--schedule", "constant"));
        // forces asked for data without forces
        Path noF = tmp.resolve("nof.xyz");
        List<Structure> nf = new ArrayList<>();
        for (Structure s : structures(6, 5, "Cu")) {
            nf.add(s.withEnergyAndForces(s.energy(), null));
        }
        StructureIO.write(noF, nf);
        userError("no training structure has reference forces", "train", "--data", noF.toString(), "--sf", SF,
            "--forces", "1", "--quiet", "--out", out.toString());
    }

    @Test
    void dropConstantDropsAndSaysSo() {
        Path out = tmp.resolve("drop");
        Cli.Result r = Cli.run(argsSf(out, sfWithConstant.toString(), "--drop-constant"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dropping 1 symmetry function constant on the training split: Al:");
    }
}
