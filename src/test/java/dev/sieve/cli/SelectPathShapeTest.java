package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.select.PathFile;
import dev.sieve.select.PathPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automatic path with the proximal step in Adam's metric passes through the counts, not 22 to nothing at once. */
class SelectPathShapeTest {
    @Test
    void theAutomaticPathRemovesFeaturesAFewAtATime(@TempDir Path tmp) {
        Path data = SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz");
        Path out = tmp.resolve("path");
        Cli.Result r = Cli.run("select", "--data", data.toString(), "--every", "5", "--out", out.toString(),
            "--hidden", "6,6", "--epochs", "300", "--fit-epochs", "20", "--min-features", "3", "--no-models",
            "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        List<PathPoint> pts = PathFile.read(out).points();
        TreeSet<Integer> counts = new TreeSet<>();
        for (PathPoint p : pts) {
            counts.add(p.features());
        }
        // at least four distinct counts strictly between the full set and the end
        assertThat(counts.subSet(3, false, 22, false)).as(r.out()).hasSizeGreaterThanOrEqualTo(4);
        // the accelerated start reaches the region where features go in far fewer points than the fixed factor
        assertThat(pts.size()).as(r.out()).isLessThan(60);
    }
}
