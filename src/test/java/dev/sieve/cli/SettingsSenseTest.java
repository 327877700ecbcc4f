package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that cannot train or would run without bound, and config files that are not what they claim, are one line
 * naming the setting, file, line or key, exit code 2, and nothing is written.
 */
class SettingsSenseTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path noForces;

    @BeforeAll
    static void data() {
        List<Structure> all = StructureIO.readAll(SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz"));
        List<Structure> sub = new ArrayList<>();
        List<Structure> bare = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 50) {
            Structure s = all.get(i);
            java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(s.tags());
            tags.put("config_type", sub.size() % 2 == 0 ? "solid" : "liquid");
            s = s.withTags(tags);
            sub.add(s);
            bare.add(s.withEnergyAndForces(s.energy(), null));
        }
        data = tmp.resolve("al.xyz");
        StructureIO.write(data, sub);
        noForces = tmp.resolve("al-energies.xyz");
        StructureIO.write(noForces, bare);
    }

    private static void refused(String expected, String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        Path out = tmp.resolve("out-" + System.nanoTime());
        a.addAll(List.of("--out", out.toString()));
        Cli.Result r = Cli.run(a.toArray(new String[0]));
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(expected).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    private static String[] train(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", d.toString(), "--hidden", "4", "--epochs", "2"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void settingsThatTrainNothingOrRunWithoutBoundAreRefused() {
        refused("--kalman-energy-fraction is 0 and --forces is 0", train(noForces, "--optimizer", "kalman",
            "--kalman-energy-fraction", "0"));
        refused("--forces 0.1 asks for force training, but no training structure has reference forces",
            train(noForces, "--forces", "0.1"));
        refused("--kalman-trials must be in [1, 1000], got 2000000000", train(data, "--forces", "0.1",
            "--kalman-trials", "2000000000"));
        refused("--config-weights gives solid twice (1.0 and 5)", train(data, "--config-weights", "solid=1,solid=5"));
        refused("--config-weights (solid=0.0,liquid=0.0", train(data, "--config-weights", "solid=0,liquid=0"));
        refused("--counts gives a count twice: [8, 8]", "select", "--data", data.toString(), "--method", "cur",
            "--counts", "8,8");
    }

    @Test
    void configFilesAreTextOfBoundedSizeWithEachKeyOnce() throws Exception {
        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, "hidden: [4]\nepochs: 3\nepochs: 4\n");
        refused("--config " + dup + ":3: key 'epochs' is given twice (first on line 2)", "train", "--config",
            dup.toString(), "--data", data.toString());
        Path dupJson = tmp.resolve("dup.json");
        Files.writeString(dupJson, "{\"hidden\": [4],\n \"hidden\": [5]}");
        refused(":2: key 'hidden' is given twice", "train", "--config", dupJson.toString(), "--data", data.toString());
        Path binary = tmp.resolve("binary.yaml");
        Files.write(binary, new byte[] {'a', ':', ' ', 1, 0, (byte) 0xff, 7});
        refused("--config " + binary + ": not a text file (a zero byte at offset 4)", "train", "--config",
            binary.toString(), "--data", data.toString());
        Path latin = tmp.resolve("latin.yaml");
        Files.write(latin, new byte[] {'s', 'f', ':', ' ', (byte) 0xe9, '\n'});
        refused("--config " + latin + ": not a UTF-8 text file", "train", "--config", latin.toString());
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "epochs: 3\n# " + "x".repeat(2 << 20) + "\n");
        refused("bytes; a config file holds settings and may have at most 1048576 bytes", "train", "--config",
            big.toString());
        Path unknown = tmp.resolve("unknown.yaml");
        Files.writeString(unknown, "hidden: [4]\n\nbogus: 1\n");
        refused("--config " + unknown + ":3: unknown option 'bogus'", "train", "--config", unknown.toString());
        Path badValue = tmp.resolve("bad-value.yaml");
        Files.writeString(badValue, "hidden: [4]\nforces: abc\n");
        refused("--config " + badValue + ":2: Invalid value for option '--forces'", "train", "--config",
            badValue.toString(), "--data", data.toString());
    }
}
