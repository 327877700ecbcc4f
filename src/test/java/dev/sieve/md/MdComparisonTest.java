package dev.sieve.md;

import dev.sieve.config.SettingValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.PairPotential;
import dev.sieve.md.potential.SuttonChen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paired NVT runs of {@link MdComparison}: a potential against itself agrees exactly, different ones do not. */
class MdComparisonTest {

    private static SettingValues settings() {
        return MdComparison.Settings.defaults(700).with(MdSettings.COMPARE_STEPS, 60L)
            .with(MdSettings.COMPARE_EQUILIBRATE, 20L).with(MdSettings.COMPARE_SAMPLE_EVERY, 10)
            .with(MdSettings.COMPARE_RDF, 5.0).with(MdSettings.COMPARE_ADF, 3.4).with(MdSettings.COMPARE_SEED, 4L);
    }

    @Test
    void aPotentialComparedWithItselfAgreesAndTheRunsAreSampledAsConfigured() throws Exception {
        MdComparison.Settings s = MdComparison.Settings.of(settings());
        MdComparison c = MdComparison.run(SuttonChen.aluminium(), SuttonChen.aluminium(), MdRunTest.crystal(), s);
        // samples at steps 30, 40, 50, 60
        assertThat(c.model().samples()).isEqualTo(4);
        assertThat(c.model().rdf().frames()).isEqualTo(4);
        assertThat(c.model().rdf().bins()).isEqualTo(100);
        assertThat(c.rdfMaxDifference()).isZero();
        assertThat(c.adfMaxDifference()).isZero();
        assertThat(c.modelPeak()).containsExactly(c.referencePeak());
        assertThat(c.model().meanTemperature()).isEqualTo(c.reference().meanTemperature()).isBetween(200.0, 1400.0);
        // the highest g(r) of a warm fcc crystal is at its nearest-neighbour distance a/√2
        assertThat(c.modelPeak()[0]).isCloseTo(4.05 / Math.sqrt(2), within(0.15));
    }

    @Test
    void differentPotentialsDifferAndTheFilesSayWhere(@TempDir Path dir) throws Exception {
        MdComparison c = MdComparison.run(SuttonChen.aluminium(), new PairPotential("Al", 0.4, 2.6, 7.0),
            MdRunTest.crystal(), MdComparison.Settings.of(settings()));
        assertThat(c.rdfMaxDifference()).isGreaterThan(0.1);
        c.write(dir);
        List<String> rdf = Files.readAllLines(dir.resolve("rdf_compare.csv"));
        assertThat(rdf.get(0)).isEqualTo("r_A,g_hdnnp,g_reference,difference");
        assertThat(rdf).hasSize(1 + 100);
        double largest = 0;
        double at = 0;
        for (String line : rdf.subList(1, rdf.size())) {
            double[] f = java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(f[3]).isCloseTo(f[1] - f[2], within(2e-6));
            if (Math.abs(f[3]) > largest) {
                largest = Math.abs(f[3]);
                at = f[0];
            }
        }
        assertThat(largest).isCloseTo(c.rdfMaxDifference(), within(1e-6));
        assertThat(at).isCloseTo(c.rdfMaxDifferenceAt(), within(1e-4));
        List<String> adf = Files.readAllLines(dir.resolve("adf_compare.csv"));
        assertThat(adf.get(0)).isEqualTo("angle_deg,p_hdnnp,p_reference");
        assertThat(adf).hasSize(1 + 180);
        assertThat(dir.resolve("rdf.png")).exists();
        assertThat(dir.resolve("adf.svg")).exists();
        assertThat(c.summary()).containsOnlyKeys("rdf_max_abs_difference", "rdf_max_difference_at_A",
            "first_peak_hdnnp", "first_peak_reference", "adf_max_abs_difference_per_degree");
    }

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> MdComparison.Settings.of(settings().with(MdSettings.COMPARE_STEPS, 100L)
            .with(MdSettings.COMPARE_EQUILIBRATE, 100L))).isInstanceOf(InputException.class)
            .hasMessage("steps must exceed equilibrate, got steps 100 and equilibrate 100");
        assertThatThrownBy(() -> settings().with(MdSettings.COMPARE_SAMPLE_EVERY, 0))
            .hasMessage("sample-every must be >= 1, got 0");
        assertThatThrownBy(() -> MdComparison.Settings.of(SettingValues.defaults(MdSettings.COMPARE))).isInstanceOf(InputException.class)
            .hasMessage("temperature must be > 0 K, got NaN");
    }
}
