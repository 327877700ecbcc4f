package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve convert} and {@code sieve info} through {@link Main#execute}. */
class IoCommandsTest {
    @TempDir
    Path dir;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void convertOfBrokenInputFailsWithOneLineAndNoOutput() throws Exception {
        Path bad = file("bad.xyz", "2\nProperties=species:S:1:pos:R:3 energy=1.0\nAl 0 0 0\nAl 1 x 1\n");
        Path out = dir.resolve("out.data");
        Cli.Result r = run("convert", bad.toString(), out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sieve: " + bad + ":4: expected a finite number for atom 2 y, got 'x'"
            + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("bad.xyz");
    }

    @Test
    void convertFailureLeavesAnExistingTargetUntouched() throws Exception {
        Path bad = file("bad.data", "begin\natom 0 0 0 Al 0 0 0 0 0\nenergy 1\nend\nbegin\natom 0 0 0 Al 0 0 0 0 0\n");
        Path out = file("out.xyz", "old\n");
        Cli.Result r = run("convert", bad.toString(), out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(":7: file ends inside the structure");
        assertThat(Files.readString(out)).isEqualTo("old\n");
    }

    @Test
    void badOptionValuesAreOneLineErrors() throws Exception {
        Path in = file("a.xyz", "1\nLattice=\"3 0 0 0 3 0 0 0 3\"\nAl 0 0 0\n");
        Cli.Result r = run("convert", in.toString(), dir.resolve("b.cif").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("sieve: ").contains("cannot tell the format").doesNotContain("Exception");
        Cli.Result t = run("convert", "--types", "Al,Xx", in.toString(), dir.resolve("b.xyz").toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).isEqualTo("sieve: --types 'Xx' is not an element symbol (expected e.g. Al or Cu,S)"
            + System.lineSeparator());
        Cli.Result v = run("info", "--vasp-energy", "free-ish", in.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("unknown VASP energy 'free-ish'");
        Cli.Result w = run("convert", in.toString(), dir.resolve("x.json").toString());
        assertThat(w.code()).isEqualTo(2);
        assertThat(w.err()).contains("cannot write format mlearn");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void convertDumpToN2p2WithTypesAndGzip() {
        Path dump = SharedData.testvectors("case1_thesis22_cos_type9/n2p2_raw/lammps_run0/s5.dump");
        Path out = dir.resolve("s5.data.gz");
        Cli.Result missing = run("convert", dump.toString(), out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--types");
        Cli.Result r = run("convert", "--types", "Al", dump.toString(), out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("converted 1 structure");
        List<Structure> s = StructureIO.readAll(out);
        assertThat(s.get(0).size()).isEqualTo(4);
        assertThat(s.get(0).energy()).isEqualTo(0.0);
    }

    @Test
    void infoPrintsCountsAndJson() throws Exception {
        Path in = SharedData.testvectors("structures/al_test_structures.xyz");
        Cli.Result r = run("info", in.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("structures        6").contains("1032 total, 4 to 256 per structure")
            .contains("Al 1032").contains("small-triclinic 1").contains("solid 2");
        Cli.Result j = run("info", "--json", in.toString());
        assertThat(j.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("structures").asInt()).isEqualTo(6);
        assertThat(n.get("atoms").asInt()).isEqualTo(1032);
        assertThat(n.get("elements").get("Al").asInt()).isEqualTo(1032);
        assertThat(n.get("with_forces").asInt()).isEqualTo(6);
        assertThat(n.get("energy_min").asDouble()).isEqualTo(-872.744100522224);
        assertThat(n.get("config_types").get("solid").asInt()).isEqualTo(2);
        assertThat(n.get("temperatures").get("1500").asInt()).isEqualTo(2);
        assertThat(n.get("cell_length_min").get(0).asDouble()).isEqualTo(4.05);
    }

    @Test
    void infoOnOutcarWithEnergyChoice() throws Exception {
        Path outcar = SharedData.data("vasp/quacc_OUTCAR_nospin.gz");
        JsonNode a = new ObjectMapper().readTree(run("info", "--json", outcar.toString()).out());
        JsonNode b = new ObjectMapper().readTree(run("info", "--json", "--vasp-energy", "toten", outcar.toString()).out());
        assertThat(a.get("energy_min").asDouble()).isEqualTo(-33.15807641);
        assertThat(b.get("energy_min").asDouble()).isEqualTo(-33.16377875);
    }

    @Test
    void helpDescribesEveryOption() {
        Cli.Result c = run("convert", "--help");
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("--from", "--to", "--types", "--energy-key", "--vasp-energy", "sigma0", "IN", "OUT");
        Cli.Result i = run("info", "--help");
        assertThat(i.out()).contains("--json", "--from", "--types", "--energy-key", "--vasp-energy");
    }
}
