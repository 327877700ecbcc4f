package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.config.Setting;
import dev.sieve.md.MdSettings;
import dev.sieve.select.PathSettings;
import dev.sieve.train.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings catalogues are the one declaration of each setting: their defaults appear nowhere else in the main
 * sources, every setting is an option of the commands that use it, and {@code --print-config} writes a file that
 * {@code --config} reads back to the same settings.
 */
class SettingsCatalogueTest {
    static final Path MAIN = Path.of("src", "main", "java", "dev", "sieve");

    /** Values too common to say anything when found elsewhere (0.5 as a half, 100 as a percentage, ...). */
    static final Set<String> COMMON = Set.of("0", "1", "-1", "2", "3", "4", "5", "8", "10", "20", "32", "64", "100",
        "40", "400", "1000", "2000", "0.5", "1.0", "2.0", "7.0", "0.1", "0.01", "0.05", "0.9", "0.0", "");

    static final Map<String, List<Setting<?>>> CATALOGUES = Map.of("train/TrainSettings.java", TrainSettings.ALL,
        "select/PathSettings.java", PathSettings.ALL, "md/MdSettings.java",
        java.util.stream.Stream.concat(MdSettings.ALL.stream(), MdSettings.COMPARE.stream()).toList());

    /** Java source without comments (string literals kept: a default written as text counts). */
    static String code(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    static Map<String, String> mainSources() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                m.put(MAIN.relativize(p).toString().replace('\\', '/'), code(Files.readString(p)));
            }
        }
        return m;
    }

    @Test
    void everyDistinctiveDefaultAppearsOnlyInItsCatalogue() throws IOException {
        Map<String, String> src = mainSources();
        List<String> found = new ArrayList<>();
        CATALOGUES.forEach((file, catalogue) -> {
            for (Setting<?> s : catalogue) {
                String d = s.defaultText();
                if (d == null || COMMON.contains(d) || !d.matches("[-+0-9.eE]+")) {
                    continue;
                }
                Pattern literal = Pattern.compile("(?<![\\w.])" + Pattern.quote(d) + "(?![\\w.])");
                src.forEach((f, code) -> {
                    if (!CATALOGUES.containsKey(f) && literal.matcher(code).find()) {
                        found.add(s.key() + " default " + d + " also in " + f);
                    }
                });
            }
        });
        assertThat(found).as("defaults declared outside their catalogue").isEmpty();
        assertThat(src.get("train/TrainSettings.java")).contains("\"0.02315\"");
        assertThat(src.entrySet().stream().filter(e -> e.getValue().contains("0.02315")).map(Map.Entry::getKey))
            .containsExactly("train/TrainSettings.java");
    }

    /** The commands whose options come from the catalogues (other commands may use a name for their own option). */
    static final Set<String> CATALOGUE_COMMANDS = Set.of("cli/TrainCommand.java", "cli/SelectCommand.java",
        "cli/RefitCommand.java", "cli/MdCommand.java", "cli/CompareMdCommand.java", "cli/TrainingOptions.java");

    @Test
    void theCommandLineDeclaresNoCatalogueSettingAgain() throws IOException {
        List<String> found = new ArrayList<>();
        for (var e : mainSources().entrySet()) {
            if (!CATALOGUE_COMMANDS.contains(e.getKey())) {
                continue;
            }
            for (List<Setting<?>> c : CATALOGUES.values()) {
                for (Setting<?> s : c) {
                    if (e.getValue().contains("names = \"--" + s.key() + "\"")) {
                        found.add(e.getKey() + " declares --" + s.key());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everySettingIsAnOptionOfItsCommands() {
        for (String cmd : List.of("train", "select", "refit")) {
            String help = Cli.run(cmd, "--help").out();
            for (Setting<?> s : TrainSettings.ALL) {
                assertThat(help).as(cmd).contains("--" + s.key() + (s.kind() == Setting.Kind.FLAG ? "" : "="));
            }
        }
        String select = Cli.run("select", "--help").out();
        PathSettings.ALL.forEach(s -> assertThat(select).contains("--" + s.key()));
        String md = Cli.run("md", "--help").out();
        MdSettings.ALL.forEach(s -> assertThat(md).contains("--" + s.key()));
    }

    @Test
    void theEssentialOptionsComeFirstAndTheRestInSections() {
        String help = Cli.run("select", "--help").out();
        java.util.regex.Matcher heading = Pattern.compile("\n\n[A-Z][\\w ,-]*:\n").matcher(help);
        assertThat(heading.find()).as("a section heading").isTrue();
        int firstSection = heading.start();
        String head = help.substring(0, firstSection);
        assertThat(head).contains("--data=").contains("--sf=").contains("--out=").contains("--method=")
            .contains("--threads=").doesNotContain("--kalman-").doesNotContain("--lambda-factor");
        assertThat(head.lines().count()).as("select --help before its first section").isLessThanOrEqualTo(60);
        for (String section : List.of(TrainSettings.KALMAN, TrainSettings.STOPPING, PathSettings.COST,
            HelpSections.READING)) {
            assertThat(help).contains("\n" + section + ":\n");
        }
        assertThat(help.indexOf("--kalman-q0")).isGreaterThan(help.indexOf("\n" + TrainSettings.KALMAN + ":"));
    }

    /** {@code --print-config}, then {@code --config} of what it printed, prints the same again. */
    private static String roundTrip(Path tmp, String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--print-config");
        Cli.Result first = Cli.run(a.toArray(new String[0]));
        assertThat(first.code()).as(first.err()).isZero();
        Path file = tmp.resolve(args[0] + ".yaml");
        Files.writeString(file, first.out());
        Cli.Result second = Cli.run(args[0], "--config", file.toString(), "--print-config");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        return first.out();
    }

    @Test
    void printConfigReadsBackUnchanged(@TempDir Path tmp) throws IOException {
        String train = roundTrip(tmp, "train", "--data", "d.xyz", "--out", "o", "--hidden", "6,4", "--forces", "0.1",
            "--kalman-force-fraction", "0.05", "--activation", "t,s", "--config-weights", "bulk=2", "--l2-all");
        assertThat(train).contains("\nhidden: [6, 4]\n").contains("\nkalman-force-fraction: 0.05\n")
            .contains("\nl2-all: true\n").contains("\nconfig-weights: bulk=2\n").contains("\ndata: d.xyz\n")
            .contains("\n# Kalman filter\n");
        String select = roundTrip(tmp, "select", "--data", "d.xyz", "--out", "p", "--counts", "8,4",
            "--lambda-start", "1e-3", "--method", "cur", "--no-models");
        assertThat(select).contains("\ncounts: [8, 4]\n").contains("\nlambda-start: '1e-3'\n")
            .contains("\n# lambdas:\n");
        String md = roundTrip(tmp, "md", "--model", "m", "--structure", "s.xyz", "--steps", "50", "--ensemble",
            "langevin", "--temperature", "600", "--rdf", "6", "--out", "o");
        assertThat(md).contains("\nsteps: 50\n").contains("\nrdf: 6.0\n").contains("\n# adf:\n");
    }

    /** run.json's training settings are the catalogue's keys (all but the schedules' other kinds and derivatives). */
    @Test
    void theRecordedTrainingSettingsAreTheCatalogues() {
        List<String> keys = TrainSettings.ALL.stream().map(Setting::key).toList();
        for (String kind : List.of("plateau", "constant", "step", "exp", "cosine")) {
            var cfg = dev.sieve.train.TrainConfig.defaults().with(TrainSettings.SCHEDULE_KIND, kind);
            assertThat(keys).containsAll(cfg.settings().keySet());
        }
        Set<String> recorded = new java.util.HashSet<>();
        for (String kind : List.of("plateau", "constant", "step", "exp", "cosine")) {
            recorded.addAll(dev.sieve.train.TrainConfig.defaults().with(TrainSettings.SCHEDULE_KIND, kind).settings()
                .keySet());
        }
        assertThat(keys).filteredOn(k -> !recorded.contains(k)).containsExactly("derivatives");
    }
}
