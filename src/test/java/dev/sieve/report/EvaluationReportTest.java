package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.results.ErrorStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static EvaluationReport report(ErrorStats st) {
        return new EvaluationReport("m", "d.xyz", "angstrom", "ev", false, 3, 10, 3, 0, 0, 0, st, List.of());
    }

    @Test
    void energyOnlyDataHasNullForceErrorsAndDashesInTheTable() {
        ErrorStats st = new ErrorStats();
        st.add(EvaluationReport.UNTAGGED, 2, -10.0, -10.2, null, null);
        st.add(EvaluationReport.UNTAGGED, 4, -20.0, -19.6, null, null);
        st.add(EvaluationReport.UNTAGGED, 4, -20.0, -20.0, null, null);
        EvaluationReport r = report(st);
        assertThat(r.tagged()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) r.toJson().get("overall");
        assertThat(all.get("force_mae_ev_per_a")).isNull();
        assertThat(all.get("force_components")).isEqualTo(0L);
        // seeds' MSE: mean of squared total errors; their RMSE per atom: per structure, sqrt(mean((dE/N)^2))
        assertThat((double) all.get("total_energy_mse_ev2")).isCloseTo((0.04 + 0.16 + 0) / 3, within(1e-12));
        assertThat((double) all.get("seeds_rmse_mev_per_atom")).isCloseTo(
            1e3 * Math.sqrt((0.01 + 0.01 + 0) / 3), within(1e-9));
        assertThat((double) all.get("energy_mae_mev_per_atom")).isCloseTo(1e3 * (0.1 + 0.1) / 3, within(1e-9));
        assertThat(r.table()).contains("| all | 3 | 10 | 66.667 |").contains("| 0 | – | – | – |");
        assertThat(r.markdown()).contains("# Sieve evaluation").doesNotContain("Parity plots");
        assertThat(r.toJsonString()).contains("\"per_config_type\" : { }");
    }

    @Test
    void untaggedStructuresGetTheirOwnRowInATaggedSet() {
        ErrorStats st = new ErrorStats();
        st.add("solid", 2, -10.0, -10.2, new double[] {0, 0, 0, 1, 1, 1}, new double[] {0, 0, 0, 1, 1, 2});
        st.add(EvaluationReport.UNTAGGED, 2, -10.0, -10.0, new double[6], new double[6]);
        EvaluationReport r = report(st);
        assertThat(r.tagged()).isTrue();
        assertThat(r.groups()).containsOnlyKeys("solid", EvaluationReport.UNTAGGED);
        assertThat(r.table()).contains("| solid | 1 | 2 | 100.000 |").contains("| (untagged) | 1 | 2 | 0.000 |");
    }
}
