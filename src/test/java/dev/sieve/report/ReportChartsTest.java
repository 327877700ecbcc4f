package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ReportChartsTest {
    @Test
    void legendParametersHaveFourSignificantDigits() {
        assertThat(ReportCharts.par(0.003571064856987243)).isEqualTo("0.003571");
        assertThat(ReportCharts.par(4.099999976462198)).isEqualTo("4.1");
        assertThat(ReportCharts.par(1.85)).isEqualTo("1.85");
        assertThat(ReportCharts.par(0.0)).isEqualTo("0");
        assertThat(ReportCharts.par(64)).isEqualTo("64");
    }

    @Test
    void thePathGoesOnALogAxisOnlyWhenItSpansMoreThanADecade() {
        List<ReportCharts.PathPt> flat = List.of(new ReportCharts.PathPt(0, 22, 1.0, 1.0),
            new ReportCharts.PathPt(1, 20, 1.2, 1.1), new ReportCharts.PathPt(2, 10, 2.0, 1.5));
        XYChart a = ReportCharts.path("p", flat, Map.of());
        assertThat(a.getStyler().isYAxisLogarithmic()).isFalse();
        List<ReportCharts.PathPt> steep = List.of(new ReportCharts.PathPt(0, 22, 1.0, 1.0),
            new ReportCharts.PathPt(1, 20, 1.2, 1.1), new ReportCharts.PathPt(2, 5, 40.0, 15.0));
        assertThat(ReportCharts.path("p", steep, Map.of()).getStyler().isYAxisLogarithmic()).isTrue();
    }
}
