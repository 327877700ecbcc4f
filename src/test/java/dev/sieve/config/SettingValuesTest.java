package dev.sieve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.SettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingValuesTest {
    static final Setting<Integer> N = Setting.integer("n", "3").range(Range.atLeast(1)).group("G").doc("A count.");
    static final Setting<Double> F = Setting.real("f", "0.5").range(Range.closed(0, 1)).doc("A fraction.");
    static final Setting<String> C = Setting.choice("c", "rmse", "rmse", "mae").doc("A choice.");
    static final Setting<List<Integer>> L = Setting.integers("l", "10,10").range(Range.atLeast(1)).doc("Widths.");
    static final Setting<Boolean> B = Setting.flag("b").doc("A flag.");
    static final Setting<Double> X = Setting.real("x", null).range(Range.above(0)).doc("Optional.");
    static final List<Setting<?>> ALL = List.of(N, F, C, L, B, X);

    @Test
    void defaultsAreParsedFromTheirText() {
        SettingValues v = SettingValues.defaults(ALL);
        assertThat(v.get(N)).isEqualTo(3);
        assertThat(v.get(F)).isEqualTo(0.5);
        assertThat(v.get(C)).isEqualTo("rmse");
        assertThat(v.get(L)).containsExactly(10, 10);
        assertThat(v.get(B)).isFalse();
        assertThat(v.get(X)).isNull();
        assertThat(v.asMap().keySet()).containsExactly("n", "f", "c", "l", "b", "x");
    }

    @Test
    void aValueOutsideItsRangeIsOneLineNamingTheSetting() {
        SettingValues v = SettingValues.defaults(ALL);
        assertThatThrownBy(() -> v.with(N, 0)).isInstanceOf(SettingException.class).hasMessage("n must be >= 1, got 0");
        assertThatThrownBy(() -> v.with(F, 1.5)).hasMessage("f must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> v.with(F, Double.NaN)).hasMessage("f must be in [0, 1], got NaN");
        assertThatThrownBy(() -> v.with(X, 0.0)).hasMessage("x must be > 0, got 0.0");
        assertThatThrownBy(() -> v.with(L, List.of(4, 0))).hasMessage("l must be >= 1, got 0");
        assertThatThrownBy(() -> v.with(C, "max")).hasMessage("c 'max' is unknown; expected rmse or mae");
        assertThatThrownBy(() -> v.withText("n", "two")).hasMessage("n expects an integer, got 'two'");
        assertThatThrownBy(() -> v.withText("b", "maybe")).hasMessage("b is a flag: expects true or false, got 'maybe'");
        assertThatThrownBy(() -> v.withText("zz", "1")).hasMessage("zz is not a setting here");
    }

    @Test
    void changesAreCheckedCopiesAndChoicesTakeTheirDeclaredSpelling() {
        SettingValues v = SettingValues.defaults(ALL);
        SettingValues w = v.with(N, 7).with(C, "MAE").withText("l", "4, 5").withText("b", "true");
        assertThat(v.get(N)).isEqualTo(3);
        assertThat(w.get(N)).isEqualTo(7);
        assertThat(w.get(C)).isEqualTo("mae");
        assertThat(w.get(L)).containsExactly(4, 5);
        assertThat(w.get(B)).isTrue();
        assertThat(w).isNotEqualTo(v).isEqualTo(v.with(N, 7).with(C, "mae").with(L, List.of(4, 5)).with(B, true));
    }

    @Test
    void aSettingDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> SettingValues.defaults(List.of(N, N))).hasMessageContaining("declared twice");
    }

    @Test
    void yamlLinesQuoteWhatYamlWouldReadOtherwise() {
        assertThat(SettingValues.yamlLine("hidden", List.of(10, 10))).isEqualTo("hidden: [10, 10]");
        assertThat(SettingValues.yamlLine("lr", 0.01)).isEqualTo("lr: 0.01");
        assertThat(SettingValues.yamlLine("scaling", "minmax")).isEqualTo("scaling: minmax");
        assertThat(SettingValues.yamlLine("lambda-start", "1e-3")).isEqualTo("lambda-start: '1e-3'");
        assertThat(SettingValues.yamlLine("flag", "off")).isEqualTo("flag: 'off'");
        assertThat(SettingValues.yamlLine("config-weights", "")).isEqualTo("config-weights: ''");
        assertThat(SettingValues.yamlLine("sf", "a: b's")).isEqualTo("sf: 'a: b''s'");
        assertThat(SettingValues.yamlLine("rdf", null)).isEqualTo("# rdf:");
    }

    @Test
    void rangesReadAsTheirMessages() {
        assertThat(Range.atLeast(0)).hasToString(">= 0");
        assertThat(Range.above(1)).hasToString("> 1");
        assertThat(Range.closedOpen(0, 1)).hasToString("in [0, 1)");
        assertThat(Range.openClosed(0, 1)).hasToString("in (0, 1]");
        assertThat(Range.ANY.contains(Double.POSITIVE_INFINITY)).isTrue();
        assertThat(Range.atLeast(0).contains(Double.POSITIVE_INFINITY)).isFalse();
    }
}
