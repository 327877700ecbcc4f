package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaOnsetTest {
    @Test
    void findsAThresholdAboveTheGuessToWithinTheRatio() {
        List<Double> probed = new ArrayList<>();
        LambdaOnset.Result r = LambdaOnset.find(l -> {
            probed.add(l);
            return l >= 0.73;
        }, 1e-4, 1.05);
        assertThat(r.lambda()).isGreaterThanOrEqualTo(0.73).isLessThanOrEqualTo(0.73 * 1.05);
        assertThat(r.probes()).isEqualTo(probed.size());
        // 4 decades up, then bisection of one decade to 1.05: ceil(log2(ln 10 / ln 1.05)) = 6 halvings
        assertThat(probed).hasSize(1 + 4 + 6);
    }

    @Test
    void findsAThresholdBelowTheGuess() {
        LambdaOnset.Result r = LambdaOnset.find(l -> l >= 3e-3, 10.0, 1.1);
        assertThat(r.lambda()).isBetween(3e-3, 3e-3 * 1.1);
    }

    @Test
    void anExactDecadeBoundaryIsFound() {
        assertThat(LambdaOnset.find(l -> l >= 1.0, 1e-3, 1.01).lambda()).isBetween(1.0, 1.01);
    }

    @Test
    void nothingEverVanishingIsReportedAndAlwaysVanishingStartsAtTheBottom() {
        assertThatThrownBy(() -> LambdaOnset.find(l -> false, 1.0, 1.05)).isInstanceOf(InputException.class)
            .hasMessageContaining("--lambda-start");
        LambdaOnset.Result r = LambdaOnset.find(l -> true, 1.0, 1.05);
        assertThat(r.lambda()).isEqualTo(1e-16, org.assertj.core.data.Offset.offset(1e-30));
    }
}
