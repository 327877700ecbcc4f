package dev.sieve.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every ionic step of the four OUTCAR fixtures equals ASE's reading of it. */
class OutcarTest {

    @ParameterizedTest
    @CsvSource({"custodian_npt_common_OUTCAR,custodian_npt_common,10,84",
        "custodian_postprocess_OUTCAR,custodian_postprocess,28,4",
        "quacc_OUTCAR_nospin.gz,quacc_nospin,1,16",
        "pmg-analysis-defects_Mg_Ga_q0_OUTCAR.gz,pmg-analysis-defects_Mg_Ga_q0,5,32"})
    void matchesAseAtEveryStep(String outcar, String stem, int steps, int atoms) throws IOException {
        List<Structure> ours = StructureIO.readAll(SharedData.data("vasp/" + outcar));
        List<Structure> ase = StructureIO.readAll(SharedData.data("vasp/" + stem + ".ase.xyz"));
        assertThat(ours).hasSize(steps);
        assertThat(ase).hasSize(steps);
        for (int i = 0; i < steps; i++) {
            Structure a = ours.get(i);
            Structure r = ase.get(i);
            assertThat(a.size()).isEqualTo(atoms);
            assertThat(a.elements()).as("step %d", i).isEqualTo(r.elements());
            Fixtures.assertClose(a.cell().matrix(), r.cell().matrix(), 1e-8);
            Fixtures.assertClose(a.positions(), r.positions(), 1e-8);
            Fixtures.assertClose(a.forces(), r.forces(), 1e-8);
            assertThat(a.energy()).as("step %d", i).isEqualTo(r.energy());
            assertThat(Double.parseDouble(a.tags().get("free_energy")))
                .isEqualTo(Double.parseDouble(r.tags().get("free_energy")));
            assertThat(a.index()).isEqualTo(i);
        }
        // energy selection against the independent regex table
        List<String> rows = Files.readAllLines(SharedData.data("vasp/" + stem + ".energies.tsv"));
        List<Structure> toten = StructureIO.readAll(SharedData.data("vasp/" + outcar),
            ReadOptions.DEFAULT.withVaspEnergy(VaspEnergy.TOTEN));
        List<Structure> noS = StructureIO.readAll(SharedData.data("vasp/" + outcar),
            ReadOptions.DEFAULT.withVaspEnergy(VaspEnergy.WITHOUT_ENTROPY));
        for (int i = 0; i < steps; i++) {
            String[] c = rows.get(i + 1).split("\t");
            assertThat(toten.get(i).energy()).isEqualTo(Double.parseDouble(c[3]));
            assertThat(noS.get(i).energy()).isEqualTo(Double.parseDouble(c[4]));
            assertThat(ours.get(i).energy()).isEqualTo(Double.parseDouble(c[5]));
            assertThat(toten.get(i).tags()).containsKeys("energy_sigma0", "energy_without_entropy")
                .doesNotContainKey("free_energy");
        }
    }

    @ParameterizedTest
    @CsvSource({"custodian_postprocess_OUTCAR"})
    void convertsToExtxyzReadableAgain(String outcar, @org.junit.jupiter.api.io.TempDir Path dir) {
        Path out = dir.resolve("o.xyz");
        StructureIO.convert(SharedData.data("vasp/" + outcar), ReadOptions.DEFAULT, out, null, WriteOptions.DEFAULT);
        List<Structure> a = StructureIO.readAll(SharedData.data("vasp/" + outcar));
        List<Structure> b = StructureIO.readAll(out);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            Fixtures.assertSame(b.get(i), a.get(i));
        }
        List<Structure> free = StructureIO.readAll(out, ReadOptions.DEFAULT.withEnergyKey("free_energy"));
        assertThat(free.get(3).energy()).isEqualTo(Double.parseDouble(a.get(3).tags().get("free_energy")));
        assertThat(free.get(3).tags()).containsKey("energy");
    }
}
