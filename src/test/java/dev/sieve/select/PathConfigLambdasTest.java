package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathConfigLambdasTest {
    private static PathConfig path() {
        return SelectionPathTest.defaultPath();
    }

    @Test
    void theOnsetPointIsCheckedAgainstMaxPointsOnlyForTheOnsetRule() {
        PathConfig few = path().with(PathSettings.MAX_POINTS, 2);
        assertThat(few.lambdas().maxPoints()).isEqualTo(2);
        assertThatThrownBy(() -> few.with(PathSettings.LAMBDA_START, "onset")).hasMessageContaining("onset-point")
            .hasMessageContaining("max-points (2)");
        assertThat(few.with(PathSettings.ONSET_POINT, 2).with(PathSettings.LAMBDA_START, "onset").lambdas()
            .onsetPoint()).isEqualTo(2);
        assertThat(few.with(PathSettings.LAMBDA_START, "0.5").lambdas().startLambda()).isEqualTo(0.5);
    }

    @Test
    void theAllowedDropIsATenthOfTheCountByDefault() {
        PathConfig.Lambdas d = path().lambdas();
        assertThat(d.allowedDrop(22)).isEqualTo(2);
        assertThat(d.allowedDrop(5)).isEqualTo(1);
        assertThat(d.allowedDrop(329)).isEqualTo(33);
        assertThat(path().with(PathSettings.MAX_DROP, 4).lambdas().allowedDrop(100)).isEqualTo(4);
        assertThat(path().with(PathSettings.MAX_DROP, -1).lambdas().allowedDrop(100)).isZero();
    }
}
