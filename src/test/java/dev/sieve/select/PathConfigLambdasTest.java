package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathConfigLambdasTest {
    @Test
    void theOnsetPointIsCheckedAgainstMaxPointsOnlyForTheOnsetRule() {
        PathConfig.Lambdas few = PathConfig.Lambdas.defaults().withLimits(0, 2);
        assertThat(few.maxPoints()).isEqualTo(2);
        assertThatThrownBy(() -> few.withStart("onset", 3)).hasMessageContaining("onset-point")
            .hasMessageContaining("max-points (2)");
        assertThat(few.withStart("onset", 2).onsetPoint()).isEqualTo(2);
        assertThat(few.withStart("0.5", 3).startLambda()).isEqualTo(0.5);
    }

    @Test
    void theAllowedDropIsATenthOfTheCountByDefault() {
        PathConfig.Lambdas d = PathConfig.Lambdas.defaults();
        assertThat(d.allowedDrop(22)).isEqualTo(2);
        assertThat(d.allowedDrop(5)).isEqualTo(1);
        assertThat(d.allowedDrop(329)).isEqualTo(33);
        assertThat(d.withMaxDrop(4).allowedDrop(100)).isEqualTo(4);
        assertThat(d.withMaxDrop(-1).allowedDrop(100)).isZero();
    }
}
