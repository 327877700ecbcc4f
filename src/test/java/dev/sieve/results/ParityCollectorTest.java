package dev.sieve.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParityCollectorTest {

    @Test
    void belowTheCapEverythingIsKeptPerGroupInOrder() {
        ParityCollector c = new ParityCollector(100);
        c.addEnergy("solid", 4, -16.0, -15.996);
        c.addEnergy(null, 2, -8.0, -8.01);
        c.addEnergy("liquid", 2, -7.0, -7.0);
        c.addEnergy("solid", 4, -12.0, -12.004);
        c.addForces("solid", new double[] {1, 2, 3}, new double[] {1.1, 2.1, 3.1});
        c.addForces("liquid", new double[] {4, 5, 6}, new double[] {4.1, 5.1, 6.1});
        List<ParityCollector.Points> e = c.energiesPerAtom();
        assertThat(e).extracting(ParityCollector.Points::group).containsExactly(null, "liquid", "solid");
        assertThat(e.get(2).ref()).containsExactly(-4.0, -3.0);
        assertThat(e.get(2).pred()).containsExactly(-3.999, -3.001);
        assertThat(e.get(0).ref()).containsExactly(-4.0);
        assertThat(c.forcesSubsampled()).isFalse();
        assertThat(c.forceComponentsKept()).isEqualTo(6);
        assertThat(c.forces()).extracting(ParityCollector.Points::group).containsExactly("liquid", "solid");
        assertThat(c.forces().get(1).pred()).containsExactly(1.1, 2.1, 3.1);
    }

    private static ParityCollector fill(int cap, int structures) {
        ParityCollector c = new ParityCollector(cap);
        for (int s = 0; s < structures; s++) {
            double[] ref = new double[30];
            double[] pred = new double[30];
            for (int q = 0; q < 30; q++) {
                ref[q] = s * 30 + q;            // unique id of the component
                pred[q] = 2 * ref[q] + 0.5;     // a recognisable partner
            }
            c.addForces(s % 2 == 0 ? "even" : "odd", ref, pred);
        }
        return c;
    }

    @Test
    void aboveTheCapAFixedSeedUniformSubsampleOfRealPairsIsKept() {
        ParityCollector a = fill(1000, 400); // 12 000 components
        ParityCollector b = fill(1000, 400);
        assertThat(a.forceComponentsSeen()).isEqualTo(12_000);
        assertThat(a.forceComponentsKept()).isEqualTo(1000);
        assertThat(a.forcesSubsampled()).isTrue();
        List<ParityCollector.Points> pa = a.forces();
        List<ParityCollector.Points> pb = b.forces();
        assertThat(pa).hasSize(2);
        int firstHalf = 0;
        int total = 0;
        java.util.Set<Double> ids = new java.util.HashSet<>();
        for (int g = 0; g < 2; g++) {
            assertThat(pb.get(g).ref()).containsExactly(pa.get(g).ref());
            assertThat(pb.get(g).pred()).containsExactly(pa.get(g).pred());
            for (int i = 0; i < pa.get(g).size(); i++) {
                double id = pa.get(g).ref()[i];
                assertThat(pa.get(g).pred()[i]).isEqualTo(2 * id + 0.5);
                int structure = (int) id / 30;
                assertThat(structure % 2 == 0 ? "even" : "odd").isEqualTo(pa.get(g).group());
                assertThat(ids.add(id)).as("kept twice: " + id).isTrue();
                firstHalf += id < 6000 ? 1 : 0;
                total++;
            }
        }
        assertThat(total).isEqualTo(1000);
        // uniform: about half from each half of the stream (binomial sd ~16)
        assertThat(firstHalf).isBetween(420, 580);
    }
}
