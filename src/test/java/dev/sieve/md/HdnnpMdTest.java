package dev.sieve.md;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.structure.Structure;
import org.junit.jupiter.api.Test;

/** NVE with an HDNNP conserves energy (its forces are the exact gradient, also on a Verlet list with skin). */
class HdnnpMdTest {
    @Test
    void nveWithTheThesis22PotentialConservesEnergy() {
        Structure s = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz")).get(1);
        try (HdnnpPotential p = new HdnnpPotential(N2p2Potential.read(SharedData.testvectors("case1_thesis22_cos_type9")),
            2, "case1")) {
            MdEngine md = new MdEngine(p, s, MdConfig.nve(1.0, 3));
            md.initVelocities(300);
            double e0 = md.conservedEnergy();
            double max = 0;
            for (int k = 0; k < 100; k++) {
                md.step();
                max = Math.max(max, Math.abs(md.conservedEnergy() - e0));
            }
            assertThat(max / s.size()).isLessThan(5e-5);
            // pressure from the HDNNP virial is finite
            assertThat(Double.isFinite(md.pressure())).isTrue();
        }
    }

    /**
     * The MD engine's step on a list with a skin: the potential's refresh only notes the moved positions and the
     * descriptor kernels form the pair vectors from them. Equal bit for bit to refreshing the list itself (energy,
     * forces, virial), on a small periodic cell with images of atoms' own neighbours; after a rebuild the list's
     * vectors are read again.
     */
    @Test
    void pairVectorsFromTheNotedPositionsEqualARefreshedList() {
        Structure s = StructureIO.readAll(SharedData.testvectors("structures/al_test_structures.xyz")).get(5);
        int n = s.size();
        double[] h = s.cell().matrix();
        double[] moved = s.positions().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        for (int q = 0; q < moved.length; q++) {
            moved[q] += rnd.nextDouble(-0.2, 0.2);
        }
        try (HdnnpPotential a = new HdnnpPotential(N2p2Potential.read(SharedData.testvectors("case1_thesis22_cos_type9")),
                 2, "a");
             HdnnpPotential b = new HdnnpPotential(N2p2Potential.read(SharedData.testvectors("case1_thesis22_cos_type9")),
                 2, "b")) {
            int[] t = a.types(s.elements());
            NeighborList la = new NeighborList();
            new NeighborListBuilder().build(s.cell(), s.pbc(), s.positions(), n, a.cutoff() + 1.0, la);
            NeighborList lb = new NeighborList();
            new NeighborListBuilder().build(s.cell(), s.pbc(), s.positions(), n, b.cutoff() + 1.0, lb);
            double[] fa = new double[3 * n];
            double[] va = new double[6];
            a.refresh(la, moved, h);
            double ea = a.compute(t, la, fa, va);
            lb.refresh(moved, h);
            double[] fb = new double[3 * n];
            double[] vb = new double[6];
            double eb = b.compute(t, lb, fb, vb);
            assertThat(Double.doubleToRawLongBits(ea)).isEqualTo(Double.doubleToRawLongBits(eb));
            for (int q = 0; q < 3 * n; q++) {
                assertThat(Double.doubleToRawLongBits(fa[q])).as("force " + q)
                    .isEqualTo(Double.doubleToRawLongBits(fb[q]));
            }
            for (int k = 0; k < 6; k++) {
                assertThat(Double.doubleToRawLongBits(va[k])).isEqualTo(Double.doubleToRawLongBits(vb[k]));
            }
            // rebuilt at the moved positions: the noted positions belong to the old build and are not used
            new NeighborListBuilder().build(s.cell(), s.pbc(), moved, n, a.cutoff() + 1.0, la);
            double ec = a.compute(t, la, new double[3 * n], null);
            assertThat(ec).isCloseTo(ea, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
