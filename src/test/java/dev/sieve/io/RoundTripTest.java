package dev.sieve.io;

import static dev.sieve.io.Fixtures.assertSame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void extxyzKeepsEverything() {
        List<Structure> in = List.of(Fixtures.triclinic(), Fixtures.molecule(), partialPbc());
        Path p = dir.resolve("all.xyz");
        StructureIO.write(p, in);
        List<Structure> out = StructureIO.readAll(p);
        assertThat(out).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertSame(out.get(i), in.get(i));
            assertThat(out.get(i).source()).isEqualTo(p.toString());
            assertThat(out.get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void extxyzGzipAndRewriteIsBitIdentical() throws Exception {
        Path a = dir.resolve("a.extxyz.gz");
        StructureIO.write(a, List.of(Fixtures.triclinic()));
        List<Structure> once = StructureIO.readAll(a);
        Path b = dir.resolve("b.extxyz");
        StructureIO.write(b, once);
        Path c = dir.resolve("c.extxyz");
        StructureIO.write(c, StructureIO.readAll(b));
        assertThat(java.nio.file.Files.readString(c)).isEqualTo(java.nio.file.Files.readString(b));
        assertSame(once.get(0), Fixtures.triclinic());
    }

    @Test
    void n2p2KeepsCellAtomsEnergyForcesChargesComment() {
        Structure t = Fixtures.triclinic().withTags(null);
        Structure m = Fixtures.molecule().withTags(null).withEnergyAndForces(-1.5, new double[9]);
        Path p = dir.resolve("input.data");
        StructureIO.write(p, List.of(t, m));
        List<Structure> out = StructureIO.readAll(p);
        assertThat(out).hasSize(2);
        assertSame(out.get(0), t);
        assertSame(out.get(1), m);
        assertThat(out.get(1).isPeriodic()).isFalse();
    }

    @Test
    void n2p2WritesZeroEnergyAndForcesWhenAbsent() {
        Structure s = Structure.of(Cell.orthorhombic(3, 3, 3), new String[] {"Al"}, new double[] {1, 1, 1});
        Path p = dir.resolve("x.data.gz");
        StructureIO.write(p, List.of(s));
        Structure back = StructureIO.readAll(p).get(0);
        assertThat(back.energy()).isEqualTo(0.0);
        assertThat(back.forces()).containsExactly(0, 0, 0);
        assertThat(back.charges()).isNull();
        assertThat(back.positions()).containsExactly(1, 1, 1);
    }

    @Test
    void lammpsDataRoundTripIsExactForLowerTriangularCells() {
        Path p = dir.resolve("s.lmp");
        StructureIO.write(p, List.of(Fixtures.lammpsReady()));
        List<Structure> out = StructureIO.readAll(p);
        assertThat(out).hasSize(1);
        assertSame(out.get(0), Fixtures.lammpsReady());
    }

    @Test
    void lammpsDataRotatesGeneralCellsPreservingGeometry() {
        Structure s = Fixtures.triclinic();
        Path p = dir.resolve("t.lammps-data");
        StructureIO.write(p, List.of(s), null, new WriteOptions(List.of("S", "Cu")));
        Structure back = StructureIO.readAll(p).get(0);
        double[] h = back.cell().matrix();
        assertThat(h[1]).isZero();
        assertThat(h[2]).isZero();
        assertThat(h[5]).isZero();
        assertThat(back.cell().volume()).isCloseTo(s.cell().volume(), within(1e-9));
        double[] p0 = s.cell().parameters();
        Fixtures.assertClose(back.cell().parameters(), p0, 1e-9);
        assertThat(back.elements()).containsExactly("Cu", "S", "Cu");
        // fractional coordinates are unchanged by the rotation
        double[] fa = new double[9];
        double[] fb = new double[9];
        for (int i = 0; i < 3; i++) {
            double[] x = s.positions();
            double[] y = back.positions();
            s.cell().toFractional(x[3 * i], x[3 * i + 1], x[3 * i + 2], fa, 3 * i);
            back.cell().toFractional(y[3 * i], y[3 * i + 1], y[3 * i + 2], fb, 3 * i);
        }
        Fixtures.assertClose(fb, fa, 1e-12);
        assertThat(back.comment()).isEqualTo(s.comment());
    }

    @Test
    void convertStreamsBetweenFormats() {
        Path xyz = dir.resolve("in.xyz");
        StructureIO.write(xyz, List.of(Fixtures.triclinic().withTags(null), Fixtures.molecule().withTags(null)
            .withEnergyAndForces(-1.0, new double[9])));
        Path data = dir.resolve("out.data");
        long n = StructureIO.convert(xyz, ReadOptions.DEFAULT, data, null, WriteOptions.DEFAULT);
        assertThat(n).isEqualTo(2);
        List<Structure> a = StructureIO.readAll(xyz);
        List<Structure> b = StructureIO.readAll(data);
        for (int i = 0; i < 2; i++) {
            assertSame(b.get(i), a.get(i));
        }
    }

    private static Structure partialPbc() {
        return new Structure("", Cell.orthorhombic(10, 11, 30), new boolean[] {true, true, false},
            new String[] {"Si"}, new double[] {1, 2, 3}, 1.0, new double[] {0, 0, 1}, null, null,
            Fixtures.tags("quoted", "a \"b\" c", "empty", "", "vec", "[1, 2, 3]"), null, -1);
    }
}
