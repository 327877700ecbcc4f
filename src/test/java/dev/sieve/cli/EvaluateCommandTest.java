package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code sieve evaluate} through {@link Main#execute}. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @TempDir
    static Path shared;

    private static Cli.Result cuRun;

    /** The Cu test-set evaluation of the published model, run once for the tests that read it. */
    static synchronized Cli.Result cuOriginal() {
        if (cuRun == null) {
            cuRun = evaluateCu(SharedData.data(CU_MODEL), shared.resolve("ev"));
        }
        return cuRun;
    }

    static final String CU_MODEL = "mlearn/nnp_models/Cu";
    static final String CU_TEST = "mlearn/xyz/Cu_test.xyz";

    static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    static Cli.Result evaluateCu(Path model, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--model", model.toString(), "--length-unit", "bohr",
            "--energy-unit", "hartree", "--data", SharedData.data(CU_TEST).toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    static List<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void cuTestSetReproducesThePublishedN2p2Errors() throws Exception {
        Path out = shared.resolve("ev");
        Cli.Result r = cuOriginal();
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();

        JsonNode m = json(out.resolve("metrics.json"));
        JsonNode all = m.get("overall");
        assertThat(m.get("structures").asLong()).isEqualTo(31);
        assertThat(m.get("atoms").asLong()).isEqualTo(3178);
        assertThat(all.get("energy_mae_mev_per_atom").asDouble()).isCloseTo(1.15, within(0.005));
        assertThat(all.get("energy_rmse_mev_per_atom").asDouble()).isCloseTo(1.68, within(0.005));
        assertThat(all.get("force_mae_ev_per_a").asDouble()).isCloseTo(0.026, within(0.0005));
        assertThat(all.get("force_rmse_ev_per_a").asDouble()).isCloseTo(0.063, within(0.0005));
        assertThat(all.get("force_components").asLong()).isEqualTo(3 * 3178);
        double mse = all.get("total_energy_mse_ev2").asDouble();
        assertThat(mse).isPositive();
        assertThat(m.get("per_config_type").size()).isZero();
        assertThat(m.get("extrapolations").asLong()).isNotNegative();

        String md = Files.readString(out.resolve("metrics.md"));
        assertThat(md).contains("| all | 31 | 3178 | 1.15").contains("| 9534 | 0.026");
        assertThat(r.out()).contains("| all | 31 | 3178 | 1.15").contains("wrote " + out);

        for (String png : List.of("parity_energy.png", "parity_forces.png")) {
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertThat(b.length).as(png).isGreaterThan(5_000);
            assertThat(new byte[] {b[0], b[1], b[2], b[3]}).as(png)
                .containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        for (String svg : List.of("parity_energy.svg", "parity_forces.svg")) {
            Document doc = parseXml(Files.readAllBytes(out.resolve(svg)));
            assertThat(doc.getDocumentElement().getNodeName()).as(svg).isEqualTo("svg");
            // the points are drawn: one marker per energy point / force component at least
            int markers = doc.getElementsByTagName("ellipse").getLength() + doc.getElementsByTagName("path").getLength();
            assertThat(markers).as(svg).isGreaterThanOrEqualTo(svg.contains("energy") ? 31 : 9534);
        }
        JsonNode run = json(out.resolve("run.json"));
        assertThat(run.get("command").asText()).isEqualTo("evaluate");
        assertThat(names(shared)).containsExactly("ev");
        assertThat(names(out)).containsExactly("metrics.json", "metrics.md", "parity_energy.png", "parity_energy.svg",
            "parity_forces.png", "parity_forces.svg", "run.json");
    }

    static Document parseXml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void taggedSetGetsOneRowPerConfigType() throws Exception {
        Path out = dir.resolve("tagged");
        Cli.Result r = Cli.run("evaluate", "--model", SharedData.testvectors("case1_thesis22_cos_type9").toString(),
            "--data", SharedData.testvectors("structures/al_test_structures.xyz").toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        JsonNode per = json(out.resolve("metrics.json")).get("per_config_type");
        List<String> types = new ArrayList<>();
        per.fieldNames().forEachRemaining(types::add);
        assertThat(types).containsExactly("liquid", "liquid-compressed", "small-cubic", "small-triclinic", "solid");
        long sum = 0;
        for (Iterator<JsonNode> it = per.elements(); it.hasNext(); ) {
            JsonNode g = it.next();
            sum += g.get("structures").asLong();
            assertThat(g.get("energy_mae_mev_per_atom").isNumber()).isTrue();
            assertThat(g.get("force_mae_ev_per_a").isNumber()).isTrue();
        }
        assertThat(sum).isEqualTo(6);
        assertThat(per.get("solid").get("structures").asLong()).isEqualTo(2);
        String md = Files.readString(out.resolve("metrics.md"));
        assertThat(md).contains("| solid | 2 |").contains("| small-triclinic | 1 |");
        assertThat(r.out()).contains("| liquid-compressed | 1 |");
    }

    /** Two 4-atom Cu cells whose references are the model's own predictions shifted by known amounts. */
    @Test
    void seedsMseAndRmseOnAHandMadeExample() throws Exception {
        Path model = SharedData.data(CU_MODEL);
        HdnnpModel m = N2p2Potential.read(model, N2p2Potential.BOHR_PER_ANGSTROM, N2p2Potential.HARTREE_PER_EV);
        double[] dE = {0.3, -0.1};       // predicted - reference, eV
        List<Structure> ss = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double a = 3.6 + 0.1 * k;
            double[] x = {0, 0, 0, a / 2, a / 2, 0, a / 2, 0, a / 2, 0, a / 2, a / 2};
            x[3] += 0.05 * (k + 1); // break the symmetry so forces are not zero
            Structure s = Structure.of(Cell.orthorhombic(a, a, a), new String[] {"Cu", "Cu", "Cu", "Cu"}, x);
            HdnnpModel.Prediction p = m.predict(s, true);
            double[] fRef = p.forces().clone();
            if (k == 0) {
                for (int q = 0; q < 12; q++) {
                    fRef[q] -= 0.05;
                }
            } else {
                fRef[0] += 0.2;
            }
            ss.add(s.withEnergyAndForces(p.energy() - dE[k], fRef));
        }
        Path data = dir.resolve("two.xyz");
        StructureIO.write(data, ss);
        Path out = dir.resolve("two");
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--length-unit", "bohr", "--energy-unit",
            "hartree", "--data", data.toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        JsonNode all = json(out.resolve("metrics.json")).get("overall");
        double mse = (0.3 * 0.3 + 0.1 * 0.1) / 2;
        assertThat(all.get("total_energy_mse_ev2").asDouble()).isCloseTo(mse, within(1e-9));
        assertThat(all.get("seeds_rmse_mev_per_atom").asDouble()).isCloseTo(1e3 * Math.sqrt(mse) / 4, within(1e-6));
        assertThat(all.get("energy_mae_mev_per_atom").asDouble()).isCloseTo(1e3 * (0.3 / 4 + 0.1 / 4) / 2,
            within(1e-6));
        assertThat(all.get("energy_rmse_mev_per_atom").asDouble()).isCloseTo(
            1e3 * Math.sqrt((0.075 * 0.075 + 0.025 * 0.025) / 2), within(1e-6));
        assertThat(all.get("force_components").asLong()).isEqualTo(24);
        assertThat(all.get("force_mae_ev_per_a").asDouble()).isCloseTo((12 * 0.05 + 0.2) / 24, within(1e-9));
        assertThat(all.get("force_rmse_ev_per_a").asDouble()).isCloseTo(Math.sqrt((12 * 0.0025 + 0.04) / 24),
            within(1e-9));
        assertThat(all.get("force_max_error_ev_per_a").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(Files.readString(out.resolve("metrics.md"))).contains("| 0.05000 | 55.902 |");
    }

    @Test
    void exportedModelEvaluatesIdenticallyAndSubsamplingLeavesTheErrorsAlone() throws Exception {
        Path exported = dir.resolve("exported");
        Cli.Result ex = Cli.run("export", "--model", SharedData.data(CU_MODEL).toString(), "--length-unit", "bohr",
            "--energy-unit", "hartree", "--format", "n2p2", "--out", exported.toString());
        assertThat(ex.err()).isEmpty();
        assertThat(ex.code()).isZero();

        Cli.Result a = cuOriginal();
        Cli.Result b = evaluateCu(exported, dir.resolve("b"), "--max-force-points", "1000");
        assertThat(a.code()).isZero();
        assertThat(b.err()).isEmpty();
        assertThat(b.code()).isZero();
        assertThat(b.out()).contains("1000 of 9534 components");

        JsonNode ma = json(shared.resolve("ev/metrics.json"));
        JsonNode mb = json(dir.resolve("b/metrics.json"));
        for (String k : List.of("structures", "atoms", "extrapolations", "structures_extrapolating")) {
            assertThat(mb.get(k)).as(k).isEqualTo(ma.get(k));
        }
        Map<String, Object> oa = new ObjectMapper().convertValue(ma.get("overall"), Map.class);
        Map<String, Object> ob = new ObjectMapper().convertValue(mb.get("overall"), Map.class);
        assertThat(ob.keySet()).isEqualTo(oa.keySet());
        for (String k : oa.keySet()) {
            double va = ((Number) oa.get(k)).doubleValue();
            double vb = ((Number) ob.get(k)).doubleValue();
            // the export converts SF parameters Bohr -> Å -> Bohr: equal up to rounding in the last digits
            assertThat(vb).as(k).isCloseTo(va, within(1e-9 * Math.max(1, Math.abs(va))));
        }
        String tableA = Files.readString(shared.resolve("ev/metrics.md")).lines().filter(l -> l.startsWith("| all"))
            .findFirst().orElseThrow();
        assertThat(Files.readString(dir.resolve("b/metrics.md"))).contains(tableA);
        assertThat(Files.readAllBytes(dir.resolve("b/parity_forces.png")).length).isGreaterThan(5_000);
    }

    private void assertFailsCleanly(Cli.Result r, String... fragments) throws Exception {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("sieve: ").contains(fragments);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingModelDirectoryFailsWithoutOutput() throws Exception {
        Path out = dir.resolve("out");
        Path missing = dir.resolve("no-such-model");
        Cli.Result r = Cli.run("evaluate", "--model", missing.toString(), "--data",
            SharedData.data(CU_TEST).toString(), "--out", out.toString());
        assertFailsCleanly(r, missing.toString());
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void elementMissingFromTheModelFailsWithoutOutput() throws Exception {
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("evaluate", "--model", SharedData.data(CU_MODEL).toString(), "--length-unit", "bohr",
            "--energy-unit", "hartree", "--data", SharedData.testvectors("structures/al_test_structures.xyz").toString(),
            "--out", out.toString());
        assertFailsCleanly(r, "Al", "[Cu]");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void dataWithoutReferencesIsAnError() throws Exception {
        Path data = dir.resolve("plain.xyz");
        Files.writeString(data, "2\nLattice=\"3.6 0 0 0 3.6 0 0 0 3.6\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"
            + "Cu 0 0 0\nCu 1.8 1.8 0\n");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("evaluate", "--model", SharedData.data(CU_MODEL).toString(), "--length-unit", "bohr",
            "--energy-unit", "hartree", "--data", data.toString(), "--out", out.toString());
        assertFailsCleanly(r, data.toString(), "no reference energies or forces", "sieve predict");
        assertThat(names(dir)).containsExactly("plain.xyz");
    }

    @Test
    void badOptionValuesAreNamed() throws Exception {
        Path out = dir.resolve("out");
        assertFailsCleanly(Cli.run("evaluate", "--model", SharedData.data(CU_MODEL).toString(), "--length-unit",
            "furlong", "--data", SharedData.data(CU_TEST).toString(), "--out", out.toString()), "furlong");
        assertFailsCleanly(Cli.run("evaluate", "--model", SharedData.data(CU_MODEL).toString(), "--threads", "0",
            "--data", SharedData.data(CU_TEST).toString(), "--out", out.toString()), "--threads", "0");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertFailsCleanly(Cli.run("evaluate", "--model", SharedData.data(CU_MODEL).toString(), "--data",
            SharedData.data(CU_TEST).toString(), "--out", file.toString()), file.toString(), "not a directory");
        assertThat(names(dir)).containsExactly("afile");
    }

    @Test
    void defaultOutputIsNamedAfterTheDataFile() {
        assertThat(EvaluateCommand.defaultOut(Path.of("x", "al_mendelev_256_test.xyz.gz")))
            .isEqualTo(Path.of("evaluate-al_mendelev_256_test"));
        assertThat(EvaluateCommand.defaultOut(Path.of("Cu_test.xyz"))).isEqualTo(Path.of("evaluate-Cu_test"));
        assertThat(EvaluateCommand.defaultOut(Path.of("input.data"))).isEqualTo(Path.of("evaluate-input"));
        assertThat(EvaluateCommand.defaultOut(Path.of("OUTCAR"))).isEqualTo(Path.of("evaluate-OUTCAR"));
    }
}
