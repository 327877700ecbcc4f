package dev.sieve.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.sieve.md.potential.SuttonChen;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Generated data depends on the seed only: the same bits for every thread count, and the same as before. */
class DataGeneratorTest {
    /** Three short sets (solid, liquid, compressed liquid) of 32 atoms. */
    static DataGenerator.Config config(long seed) {
        return new DataGenerator.Config(List.of(300.0, 1500.0), 926, 2, 2, 4.05, 2.3e-5, List.of(1400.0), List.of(),
            2, 20, 10, 2500, 20, seed);
    }

    /** Hash of the raw bits of every frame's positions, forces and energy, with its tags and source. */
    static int digest(List<Structure> frames) {
        List<Object> parts = new ArrayList<>();
        for (Structure s : frames) {
            long[] bits = new long[s.positions().length + s.forces().length + 1];
            int k = 0;
            for (double v : s.positions()) {
                bits[k++] = Double.doubleToRawLongBits(v);
            }
            for (double v : s.forces()) {
                bits[k++] = Double.doubleToRawLongBits(v);
            }
            bits[k] = Double.doubleToRawLongBits(s.energy());
            parts.add(Arrays.hashCode(bits));
            parts.add(s.tags().toString());
            parts.add(s.source() + "#" + s.index());
        }
        return parts.hashCode();
    }

    @Test
    void theFramesAreTheSameForEveryThreadCount() {
        List<Integer> digests = new ArrayList<>();
        for (int threads = 1; threads <= 3; threads++) {
            AtomicIntegerArray ticks = new AtomicIntegerArray(3);
            List<Structure> frames = DataGenerator.generate(SuttonChen.aluminium(), config(7), threads,
                ticks::incrementAndGet);
            assertThat(frames).hasSize(6);
            assertThat(frames).extracting(s -> s.tags().get("config_type"))
                .containsExactly("solid", "solid", "liquid", "liquid", "liquid-compressed", "liquid-compressed");
            for (int k = 0; k < 3; k++) {
                assertThat(ticks.get(k)).isEqualTo(2);
            }
            digests.add(digest(frames));
        }
        assertThat(digests).as("bits of the frames for 1, 2, 3 threads").containsOnly(digests.get(0));
    }

    /**
     * The energies (eV) of seed 7's frames as computed before the pool moved to core.ChunkedExecutor; a different set
     * seed or set order would give energies that differ by far more than the tolerance, which only allows for the
     * last bits of the JDK's transcendental functions on another machine.
     */
    @Test
    void theFramesAreTheSameAsBefore() {
        double[] before = {-105.10751961089206, -104.89368838789066, -102.02135151422979, -101.28820977432818,
            -101.66468059338528, -101.36004442950608};
        List<Structure> frames = DataGenerator.generate(SuttonChen.aluminium(), config(7), 2, k -> { });
        assertThat(frames).extracting(Structure::energy)
            .zipSatisfy(Arrays.stream(before).boxed().toList(),
                (e, b) -> assertThat(e).isCloseTo(b, offset(1e-6)));
    }
}
