package dev.sieve.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the files under ../shared and checks them against each other and the data README. */
class SharedFilesTest {

    @Test
    void testStructuresAgreeBetweenInputDataAndXyz() {
        List<Structure> data = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.input.data"));
        List<Structure> xyz = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz"));
        assertThat(data).hasSize(6);
        assertThat(xyz).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Structure a = data.get(i);
            Structure b = xyz.get(i);
            assertThat(a.cell()).isEqualTo(b.cell());
            assertThat(a.elements()).isEqualTo(b.elements());
            assertThat(a.positions()).isEqualTo(b.positions());
            assertThat(a.forces()).isEqualTo(b.forces());
            assertThat(a.energy()).isEqualTo(b.energy());
            assertThat(a.charges()).isNull();
            assertThat(a.index()).isEqualTo(i);
        }
        assertThat(data.get(0).comment()).startsWith("structure_index=0 ");
        assertThat(xyz.get(0).tags()).containsEntry("config_type", "solid").containsEntry("temperature", "10");
        assertThat(xyz.get(5).cell().matrix()).containsExactly(4.05, 0, 0, 1.0, 4.05, 0, 0.5, 0.7, 4.05);
        assertThat(data.get(0).energy()).isEqualTo(-872.744100522224);
    }

    @ParameterizedTest
    @CsvSource({"Ni_train,263,27420", "Ni_test,31,3158", "Cu_train,262,27416", "Cu_test,31,3178",
        "Li_train,241,11576", "Li_test,29,1320", "Si_train,214,13233", "Si_test,25,1525"})
    void mlearnXyzCountsMatchTheReadme(String stem, int structures, int atoms) {
        List<Structure> all = StructureIO.readAll(SharedData.data("mlearn/xyz/" + stem + ".xyz"));
        assertThat(all).hasSize(structures);
        assertThat(all.stream().mapToInt(Structure::size).sum()).isEqualTo(atoms);
        assertThat(all).allSatisfy(s -> {
            assertThat(s.hasEnergy()).isTrue();
            assertThat(s.hasForces()).isTrue(); // from the 'force' column
            assertThat(s.isPeriodic()).isTrue();
        });
    }

    @ParameterizedTest
    @CsvSource({"Li,test,Li_test", "Li,training,Li_train", "Si,test,Si_test", "Si,training,Si_train",
        "Cu,test,Cu_test", "Ni,test,Ni_test"})
    void mlearnJsonAgreesWithXyz(String el, String set, String xyzStem) {
        List<Structure> json = StructureIO.readAll(SharedData.data("mlearn/json/" + el + "/" + set + ".json"));
        List<Structure> xyz = StructureIO.readAll(SharedData.data("mlearn/xyz/" + xyzStem + ".xyz"));
        assertThat(json).hasSameSizeAs(xyz);
        assertThat(json.stream().mapToInt(Structure::size).sum())
            .isEqualTo(xyz.stream().mapToInt(Structure::size).sum());
        assertThat(json).allSatisfy(s -> assertThat(s.tags()).containsKey("config_type"));
        // same order: energies, cells and positions agree record by record
        for (int i = 0; i < json.size(); i++) {
            Structure a = json.get(i);
            Structure b = xyz.get(i);
            assertThat(a.energy()).as("record %d", i).isCloseTo(b.energy(), within(1e-6));
            assertThat(a.elements()).isEqualTo(b.elements());
            Fixtures.assertClose(a.cell().matrix(), b.cell().matrix(), 1e-6);
            Fixtures.assertClose(a.positions(), b.positions(), 1e-6);
            Fixtures.assertClose(a.forces(), b.forces(), 1e-6);
        }
    }

    @Test
    void alMendelevFirstFramesStream() {
        Path p = SharedData.data("al-mendelev/al_mendelev_256.xyz.gz");
        List<Structure> first;
        try (Stream<Structure> s = StructureIO.stream(p, ReadOptions.DEFAULT)) {
            first = s.limit(3).toList();
        }
        assertThat(first).hasSize(3);
        Structure s0 = first.get(0);
        assertThat(s0.size()).isEqualTo(256);
        assertThat(s0.energy()).isEqualTo(-787.025986348852);
        assertThat(s0.tags()).containsEntry("config_type", "liquid-compressed").containsEntry("temperature", "1500");
        assertThat(s0.cell().matrix()).containsExactly(16.088544, 0, 0, 0, 16.088544, 0, 0, 0, 16.088544);
        assertThat(s0.positions()[0]).isEqualTo(15.4953800363);
        assertThat(s0.forces()[1]).isEqualTo(-1.0557393708);
        assertThat(first).extracting(Structure::index).containsExactly(0, 1, 2);
    }

    @Test
    void lammpsDumpMatchesInputDataStructures() {
        List<Structure> data = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.input.data"));
        ReadOptions al = ReadOptions.DEFAULT.withTypeElements(List.of("Al"));
        for (int i : new int[] {0, 5}) {
            Path dump = SharedData.testvectors("case1_thesis22_cos_type9/n2p2_raw/lammps_run0/s" + i + ".dump");
            List<Structure> d = StructureIO.readAll(dump, al);
            assertThat(d).hasSize(1);
            Structure s = d.get(0);
            Structure ref = data.get(i);
            assertThat(s.size()).isEqualTo(ref.size());
            assertThat(s.tags()).containsEntry("timestep", "0");
            assertThat(s.energy()).isNull();
            assertThat(s.hasForces()).isTrue();
            Fixtures.assertClose(s.cell().matrix(), ref.cell().matrix(), 1e-12);
            Fixtures.assertSamePositionsModuloCell(s, ref, 1e-12);
        }
    }

    @Test
    void lammpsTriclinicDataMatchesItsDumpAndTheXyzStructure() {
        Path dir = SharedData.testvectors("case1_thesis22_cos_type9/n2p2_raw/lammps_run0");
        Structure data = StructureIO.readAll(dir.resolve("s5.data")).get(0); // .data sniffed as LAMMPS
        Structure dump = StructureIO.readAll(dir.resolve("s5.dump"), ReadOptions.DEFAULT.withTypeElements(
            List.of("Al"))).get(0);
        Structure xyz = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz")).get(5);
        assertThat(data.cell()).isEqualTo(xyz.cell());
        assertThat(data.positions()).isEqualTo(xyz.positions());
        assertThat(data.elements()).containsOnly("Al"); // from the mass 26.9815
        Fixtures.assertClose(dump.cell().matrix(), xyz.cell().matrix(), 1e-12);
        Fixtures.assertClose(dump.positions(), xyz.positions(), 1e-12);
    }

    @Test
    void liquidDataFileMatchesXyz() {
        Structure data = StructureIO.readAll(SharedData.data("al-mendelev/liquid_10976.lammps-data")).get(0);
        Structure xyz = StructureIO.readAll(SharedData.data("al-mendelev/liquid_10976.xyz")).get(0);
        assertThat(data.size()).isEqualTo(10976);
        assertThat(data.cell()).isEqualTo(xyz.cell());
        Fixtures.assertClose(data.positions(), xyz.positions(), 1e-9);
        assertThat(xyz.tags()).containsEntry("config_type", "liquid-undercooled");
    }
}
