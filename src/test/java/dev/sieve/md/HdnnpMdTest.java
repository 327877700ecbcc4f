package dev.sieve.md;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
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
}
