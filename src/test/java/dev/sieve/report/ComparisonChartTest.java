package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ComparisonChartTest {
    private static Comparison.Row row(String method, int d, double... rmse) {
        return new Comparison.Row(method, "count:" + d, d, 0, rmse, rmse, new double[0], new double[0], null);
    }

    @Test
    void errorsSpanningMoreThanTenfoldGoOnALogarithmicAxisOthersOnALinearOne() {
        XYChart narrow = Comparison.chart(List.of(row("a", 8, 0.7, 0.72), row("a", 16, 0.4, 0.41),
            row("b", 8, 0.9, 0.95)), false);
        assertThat(narrow.getStyler().isYAxisLogarithmic()).isFalse();
        XYChart wide = Comparison.chart(List.of(row("a", 8, 0.7, 0.72), row("a", 16, 0.24, 0.25),
            row("b", 8, 5.3, 5.8)), false);
        assertThat(wide.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(wide.getYAxisTitle()).endsWith("log scale");
        // an error bar reaching zero keeps the linear axis (a log axis cannot show it)
        XYChart zero = Comparison.chart(List.of(row("a", 8, 0.0, 2.0), row("b", 8, 50, 51)), false);
        assertThat(zero.getStyler().isYAxisLogarithmic()).isFalse();
    }
}
