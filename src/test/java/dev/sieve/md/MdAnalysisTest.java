package dev.sieve.md;

import java.util.OptionalDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.PairPotential;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RDF, bond angles, MSD and the diffusion fit of {@link MdAnalysis} against values known in closed form. */
class MdAnalysisTest {
    private static final double A = 4.05;

    /** An engine on a perfect fcc lattice, at rest (a short-ranged pair potential: cheap, no forces). */
    private static MdEngine lattice() {
        return new MdEngine(new PairPotential("Al", 0.4, 2.6, 7.0), MdEngineTest.fcc(A, 3), MdConfig.nve(1.0, 1));
    }

    @Test
    void diffusionFitRecoversTheSlopeOfTheSecondHalf() {
        double d = 2.5e-3; // Å²/fs
        int n = 40;
        double[] t = new double[n];
        double[] msd = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = 10.0 * k;
            // ballistic start (quadratic) in the first half, diffusive line 6 D t + b in the second
            msd[k] = k < n / 2 ? 1e-4 * t[k] * t[k] : 6 * d * t[k] + 0.7;
        }
        assertThat(MdAnalysis.diffusionOfSecondHalf(t, msd)).isCloseTo(d, within(1e-12));
        // the whole curve would give a different slope: the first half really is left out
        assertThat(StructureAnalysis.Msd.diffusion(t, msd)).isNotCloseTo(d, within(1e-4));
        assertThatThrownBy(() -> MdAnalysis.diffusionOfSecondHalf(new double[2], new double[2]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rdfOfPerfectFccPeaksAtTheShellsAndIntegratesToTheCoordinationNumbers() {
        MdEngine md = lattice();
        MdAnalysis an = new MdAnalysis(MdSettings.analysis(MdSettings.defaults().with(MdSettings.RDF, 6.0).with(MdSettings.RDF_BIN, 0.02)));
        an.sample(md);
        StructureAnalysis.Rdf rdf = an.rdf();
        assertThat(rdf.frames()).isEqualTo(1);
        assertThat(rdf.bins()).isEqualTo(300);
        double[] shells = {A / Math.sqrt(2), A, A * Math.sqrt(1.5), A * Math.sqrt(2)};
        double rho = md.atoms() / Math.abs(md.cell().volume());
        double dr = 6.0 / rdf.bins();
        double[] neighbours = new double[rdf.bins()];
        for (int b = 0; b < rdf.bins(); b++) {
            double r0 = b * dr;
            double r1 = r0 + dr;
            neighbours[b] = rdf.g(b) * rho * 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
            if (neighbours[b] > 0) {
                // every occupied bin holds one of the shells, and nothing is between them
                boolean holdsShell = false;
                for (double sh : shells) {
                    holdsShell |= sh >= r0 && sh < r1;
                }
                assertThat(holdsShell).as("bin %.3f..%.3f holds a shell", r0, r1).isTrue();
            }
        }
        // 12 nearest neighbours, then 6, 24 and 12: cumulative 12, 18, 42, 54 up to radii between the shells
        assertThat(cumulative(rdf, neighbours, 3.4)).isCloseTo(12, within(1e-9));
        assertThat(cumulative(rdf, neighbours, 4.5)).isCloseTo(18, within(1e-9));
        assertThat(cumulative(rdf, neighbours, 5.3)).isCloseTo(42, within(1e-9));
        assertThat(cumulative(rdf, neighbours, 6.0)).isCloseTo(54, within(1e-9));
        // the first peak is the highest: g = 12 / (4π r² ρ dr) in the bin of a/√2
        int first = (int) (shells[0] / dr);
        for (int b = 0; b < rdf.bins(); b++) {
            assertThat(rdf.g(b)).isLessThanOrEqualTo(rdf.g(first));
        }
        assertThat(rdf.center(first)).isCloseTo(shells[0], within(dr / 2));
    }

    private static double cumulative(StructureAnalysis.Rdf rdf, double[] neighbours, double r) {
        double sum = 0;
        for (int b = 0; b < rdf.bins() && rdf.center(b) < r; b++) {
            sum += neighbours[b];
        }
        return sum;
    }

    @Test
    void bondAnglesOfFccAreSixtyNinetyHundredTwentyAndOneEighty() {
        MdAnalysis an = new MdAnalysis(MdSettings.analysis(MdSettings.defaults().with(MdSettings.ADF, 3.4)));
        an.sample(lattice());
        StructureAnalysis.AngleDistribution adf = an.adf();
        assertThat(adf.bins()).isEqualTo(MdAnalysis.ANGLE_BINS);
        // 12 nearest neighbours make 66 pairs: 24 at 60°, 12 at 90°, 24 at 120°, 6 at 180°
        double[] angles = {60, 90, 120, 180};
        double[] expected = {24 / 66.0, 12 / 66.0, 24 / 66.0, 6 / 66.0};
        double[] found = new double[4];
        double total = 0;
        for (int b = 0; b < adf.bins(); b++) {
            double mass = adf.p(b) * 180.0 / adf.bins();
            total += mass;
            if (mass == 0) {
                continue;
            }
            int near = -1;
            for (int k = 0; k < 4; k++) {
                if (Math.abs(adf.center(b) - angles[k]) <= 1.0) {
                    near = k;
                }
            }
            assertThat(near).as("angle bin at %.1f°", adf.center(b)).isNotNegative();
            found[near] += mass;
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        for (int k = 0; k < 4; k++) {
            assertThat(found[k]).as("%s°", angles[k]).isCloseTo(expected[k], within(1e-12));
        }
    }

    @Test
    void msdFollowsUnwrappedPositionsAndSamplingStartsAfterEquilibration(@TempDir Path dir) throws Exception {
        MdEngine md = lattice();
        double[] v = new double[3 * md.atoms()];
        for (int i = 0; i < md.atoms(); i++) {
            v[3 * i] = 0.05; // Å/fs: the whole crystal drifts 5 Å per 100 fs, across the cell boundary
            v[3 * i + 1] = -0.02;
        }
        md.setVelocities(v);
        MdAnalysis an = new MdAnalysis(MdSettings.analysis(MdSettings.defaults().with(MdSettings.MSD, true)
            .with(MdSettings.SAMPLE_AFTER, 20L).with(MdSettings.SAMPLE_EVERY, 10)),
            dir);
        MdRun.advance(md, 200, List.of(an));
        // samples at steps 30, 40, ..., 200
        assertThat(an.samples()).isEqualTo(18);
        double[] t = an.msdTimes();
        double[] msd = an.msdValues();
        assertThat(t).hasSize(18);
        double v2 = 0.05 * 0.05 + 0.02 * 0.02;
        for (int k = 0; k < t.length; k++) {
            assertThat(t[k]).isCloseTo(10.0 * k, within(1e-9));
            assertThat(msd[k]).isCloseTo(v2 * t[k] * t[k], within(1e-9 * (1 + msd[k])));
        }
        assertThat(an.diffusion()).hasValueCloseTo(MdAnalysis.diffusionOfSecondHalf(t, msd), within(0.0));
        // written when the run finished: the times in ps, the fit in the trailing comment
        List<String> lines = Files.readAllLines(dir.resolve("msd.csv"));
        assertThat(lines.get(0)).isEqualTo("time_ps,msd_A2");
        assertThat(lines).hasSize(1 + 18 + 1);
        assertThat(lines.get(2)).startsWith("0.01000,");
        double d = an.diffusion().getAsDouble();
        assertThat(lines.get(19)).startsWith("# diffusion coefficient D = " + String.format(java.util.Locale.ROOT,
            "%.6e", d));
        assertThat(an.summary().diffusionCm2PerS()).hasValueCloseTo(d * 0.1, within(0.0));
        assertThat(an.summary().rdfFrames()).isEmpty();
        assertThat(dir.resolve("rdf.csv")).doesNotExist();
    }

    @Test
    void anRdfNeedsAPeriodicCell() {
        Structure cluster = Structure.of(null, new String[] {"Al", "Al", "Al"}, new double[] {0, 0, 0, 2.9, 0, 0, 0,
            2.9, 0});
        MdEngine md = new MdEngine(new PairPotential("Al", 0.4, 2.6, 7.0), cluster, MdConfig.nve(1.0, 1));
        MdAnalysis an = new MdAnalysis(MdSettings.analysis(MdSettings.defaults().with(MdSettings.RDF, 5.0)));
        assertThatThrownBy(() -> an.sample(md)).isInstanceOf(InputException.class)
            .hasMessageContaining("periodic cell");
    }

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> settings(OptionalDouble.of(-1), 0.05, OptionalDouble.empty(), false, 0, 10))
            .isInstanceOf(InputException.class).hasMessage("rdfMax must be > 0 Å, got -1.0");
        assertThatThrownBy(() -> settings(OptionalDouble.of(5), 0, OptionalDouble.empty(), false, 0, 10))
            .isInstanceOf(InputException.class).hasMessage("rdfBin must be > 0 Å, got 0.0");
        assertThatThrownBy(() -> settings(OptionalDouble.empty(), 0.05, OptionalDouble.of(0), false, 0, 10))
            .isInstanceOf(InputException.class).hasMessage("adfCutoff must be > 0 Å, got 0.0");
        assertThatThrownBy(() -> settings(OptionalDouble.empty(), 0.05, OptionalDouble.empty(), true, 0, 0))
            .isInstanceOf(InputException.class).hasMessage("sampleEvery must be >= 1, got 0");
        // the sampling interval only matters when something is sampled
        assertThat(settings(OptionalDouble.empty(), 0.05, OptionalDouble.empty(), false, 0, 0).active()).isFalse();
        // the catalogue refuses them before a record is built
        assertThatThrownBy(() -> MdSettings.defaults().with(MdSettings.RDF, -1.0)).hasMessage("rdf must be > 0, got -1.0");
    }

    private static MdAnalysis.Settings settings(OptionalDouble rdf, double bin, OptionalDouble adf, boolean msd,
                                                long after, int every) {
        return new MdAnalysis.Settings(rdf, bin, adf, msd, after, every);
    }
}
