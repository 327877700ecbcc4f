package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@link Provenance}: every option with its effective value, in a toy command and in real run.json files. */
class ProvenanceTest {
    @TempDir
    Path dir;

    enum Mode { fast, exact }

    static final class Extra {
        @Option(names = "--energy-key", defaultValue = "energy")
        String energyKey;
    }

    @Command(name = "toy", mixinStandardHelpOptions = true)
    static final class Toy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = {"-o", "--out-dir"})
        Path out;

        @Option(names = "--threads", defaultValue = "1")
        int threads;

        @Option(names = "--hidden", split = ",", defaultValue = "10,10")
        int[] hidden;

        @Option(names = "--elements", split = ",")
        List<String> elements = new ArrayList<>();

        @Option(names = "--mode", defaultValue = "exact")
        Mode mode;

        @Option(names = "--limit")
        Integer limit;

        @Option(names = "--quiet")
        boolean quiet;

        @Mixin
        Extra extra;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "root")
    static final class Root implements Runnable {
        @Override
        public void run() {
            // no-op
        }
    }

    @Test
    void everyOptionOfAParsedCommandWithItsEffectiveValue() {
        Toy toy = new Toy();
        CommandLine cl = new CommandLine(new Root()).addSubcommand("toy", toy);
        String[] args = {"toy", "in.xyz", "-o", "d", "--elements", "Al,Cu", "--mode", "fast", "--quiet"};
        cl.parseArgs(args);
        Map<String, Object> m = Provenance.runInfo(toy.spec).toMap();
        assertThat(m.get("command")).isEqualTo("toy");
        assertThat(m.get("args")).isEqualTo(Arrays.asList(args));
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) m.get("options");
        assertThat(new ArrayList<>(o.keySet())).containsExactly("out_dir", "threads", "hidden", "elements", "mode",
            "limit", "quiet", "energy_key", "file");
        assertThat(o.get("out_dir")).isEqualTo("d");
        assertThat(o.get("threads")).isEqualTo(1);
        assertThat(o.get("hidden")).isEqualTo(List.of(10, 10));
        assertThat(o.get("elements")).isEqualTo(List.of("Al", "Cu"));
        assertThat(o.get("mode")).isEqualTo("fast");
        assertThat(o).containsEntry("limit", null);
        assertThat(o.get("quiet")).isEqualTo(true);
        assertThat(o.get("energy_key")).isEqualTo("energy");
        assertThat(o.get("file")).isEqualTo("in.xyz");
    }

    @Test
    void nestedCommandsAreNamedByTheirPathAndAnUnparsedCommandHasNoArgs() {
        CommandLine cl = new CommandLine(new Main());
        assertThat(Provenance.commandName(cl.getSubcommands().get("bench").getSubcommands().get("descriptors")
            .getCommandSpec())).isEqualTo("bench descriptors");
        assertThat(Provenance.commandName(cl.getCommandSpec())).isEqualTo("sieve");
        Toy toy = new Toy();
        new CommandLine(toy);
        assertThat(Provenance.runInfo(toy.spec).toMap().get("args")).isEqualTo(List.of());
    }

    private static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    private Path argonPair() throws Exception {
        return Files.writeString(dir.resolve("ar.xyz"), """
            2
            Lattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 energy=-0.01 pbc="T T T"
            Ar 0 0 0
            Ar 3.8 0 0
            """);
    }

    @Test
    void descriptorsRunJsonHoldsGivenAndDefaultedOptions() throws Exception {
        Path data = Files.writeString(dir.resolve("al.xyz"), """
            2
            Lattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 pbc="T T T"
            Al 0 0 0
            Al 2.5 0 0
            """);
        Path out = dir.resolve("g.csv");
        String[] args = {"descriptors", "--data", data.toString(), "--sf", "thesis22", "--threads", "2", "--out",
            out.toString()};
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode run = json(dir.resolve("g.csv.run.json"));
        assertThat(run.get("command").asText()).isEqualTo("descriptors");
        List<?> given = new ObjectMapper().convertValue(run.get("args"), List.class);
        assertThat(given).isEqualTo(List.of(args));
        JsonNode o = run.get("options");
        assertThat(o.get("threads").asInt()).isEqualTo(2);                    // given
        assertThat(o.get("sf").asText()).isEqualTo("thesis22");                // given
        assertThat(o.get("data").asText()).isEqualTo(data.toString());         // a path, as a string
        assertThat(o.get("energy_key").asText()).isEqualTo("energy");          // mixin default
        assertThat(o.get("vasp_energy").asText()).isEqualTo("sigma0");         // mixin default
        assertThat(o.get("limit").isNull()).isTrue();                          // unset
        assertThat(o.get("elements").isNull()).isTrue();                       // unset
        assertThat(o.has("help")).isFalse();
        assertThat(run.get("results").get("elements").get(0).asText()).isEqualTo("Al");
        assertThat(run.get("results").get("functions").asInt()).isEqualTo(22);
    }

    @Test
    void predictRunJsonHoldsGivenAndDefaultedOptions() throws Exception {
        Path out = dir.resolve("p.xyz");
        Cli.Result r = Cli.run("predict", "--potential", "lj:0.0104,3.4,8.0", "--data", argonPair().toString(),
            "--no-forces", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode o = json(dir.resolve("p.xyz.run.json")).get("options");
        assertThat(o.get("potential").asText()).isEqualTo("lj:0.0104,3.4,8.0");
        assertThat(o.get("no_forces").asBoolean()).isTrue();
        assertThat(o.get("n2p2_forces").asBoolean()).isFalse();
        assertThat(o.get("threads").asInt()).isEqualTo(1);
        assertThat(o.get("length_unit").asText()).isEqualTo("angstrom");
        assertThat(o.get("model").isNull()).isTrue();
        assertThat(o.get("out").asText()).isEqualTo(out.toString());
    }
}
