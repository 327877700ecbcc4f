package dev.sieve.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerStateFileTest {
    @TempDir
    Path tmp;

    private static Map<String, double[][]> sample() {
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("P", new double[][] {{1.0, -0.0, Double.MIN_VALUE, Math.PI}, {}});
        m.put("scalars", new double[][] {{0.1 + 0.2, Double.longBitsToDouble(0x7ff8000000000123L)}});
        return m;
    }

    @Test
    void roundTripIsBitExact() {
        Path f = tmp.resolve("optimizer-3.bin");
        long crc = OptimizerStateFile.write(f, sample());
        Map<String, double[][]> back = OptimizerStateFile.read(f, crc);
        assertThat(back.keySet()).containsExactly("P", "scalars");
        for (String k : sample().keySet()) {
            double[][] a = sample().get(k);
            double[][] b = back.get(k);
            assertThat(b.length).isEqualTo(a.length);
            for (int r = 0; r < a.length; r++) {
                assertThat(b[r].length).isEqualTo(a[r].length);
                for (int i = 0; i < a[r].length; i++) {
                    assertThat(Double.doubleToRawLongBits(b[r][i])).isEqualTo(Double.doubleToRawLongBits(a[r][i]));
                }
            }
        }
    }

    @Test
    void aFlippedByteATruncationOrAnotherCheckpointsFileIsRefused() throws IOException {
        Path f = tmp.resolve("optimizer-3.bin");
        long crc = OptimizerStateFile.write(f, sample());
        byte[] bytes = Files.readAllBytes(f);
        assertThatThrownBy(() -> OptimizerStateFile.read(f, crc + 1)).isInstanceOf(InputException.class)
            .hasMessageContaining("another checkpoint");
        bytes[bytes.length - 20] ^= 1;
        Files.write(f, bytes);
        assertThatThrownBy(() -> OptimizerStateFile.read(f, crc)).isInstanceOf(InputException.class)
            .hasMessageContaining("corrupt");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        Files.write(f, cut);
        assertThatThrownBy(() -> OptimizerStateFile.read(f, crc)).isInstanceOf(InputException.class)
            .hasMessageContaining("truncated");
        assertThatThrownBy(() -> OptimizerStateFile.read(tmp.resolve("none.bin"), crc))
            .isInstanceOf(InputException.class).hasMessageContaining("missing");
    }
}
