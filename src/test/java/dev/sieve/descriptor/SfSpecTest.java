package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfSpecTest {

    @TempDir
    Path tmp;

    @Test
    void builtinForms() {
        SymmetryFunctionSet t22 = SfSpec.resolve("thesis22", null);
        assertThat(t22.name()).isEqualTo("thesis22");
        assertThat(t22).isEqualTo(BuiltinSets.thesis22("Al"));
        SymmetryFunctionSet narrow = SfSpec.resolve("thesis22:narrow", List.of());
        assertThat(narrow.forElement("Al")).extracting(SymmetryFunction::type).containsOnly(2, 3);
        SymmetryFunctionSet poly = SfSpec.resolve("thesis22:poly2", List.of("Al"));
        assertThat(poly.forElement("Al")).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.POLY2);
        assertThat(poly.forElement("Al")).extracting(SymmetryFunction::type).containsOnly(2, 9);
        SymmetryFunctionSet combined = SfSpec.resolve("thesis329:poly2:narrow", List.of("Cu", "Al"));
        assertThat(combined.name()).isEqualTo("thesis329:narrow:poly2");
        assertThat(combined.functions())
            .isEqualTo(BuiltinSets.thesis329(List.of("Al", "Cu"), CutoffType.POLY2, 3).functions());
        assertThat(SfSpec.resolve("thesis22:wide:cos", null).functions()).isEqualTo(t22.functions());
    }

    @Test
    void gridForm() {
        SymmetryFunctionSet g = SfSpec.resolve("grid:rc=6,n=8,mode=shifted,ang_rc=4.4,zetas=1;2;4,ang_etas=0.01;0.1",
            List.of("Cu"));
        assertThat(g.size("Cu")).isEqualTo(8 + 2 * 3 * 2);
        assertThat(g.forElement("Cu").stream().filter(SymmetryFunction::isRadial).map(SymmetryFunction::rs))
            .hasSize(8).allSatisfy(rs -> assertThat(rs).isBetween(1.0, 6.0));
        assertThat(g.forElement("Cu").stream().filter(SymmetryFunction::isAngular).map(SymmetryFunction::eta).distinct())
            .containsExactlyInAnyOrder(0.01, 0.1);
        SymmetryFunctionSet c = SfSpec.resolve("grid:mode=centered,rule=imbalzano,n=5,rc=5,ang=none,cutoff=poly2", null);
        assertThat(c.forElement("Al")).hasSize(5).allSatisfy(f -> {
            assertThat(f.rs()).isZero();
            assertThat(f.cutoff()).isEqualTo(CutoffType.POLY2);
        });
        assertThat(SfSpec.resolve("grid", null).size("Al")).isEqualTo(8 + 3 * 4 * 2);
    }

    @Test
    void fileForms() throws Exception {
        Path nn = SharedData.testvectors("case3_cu2s_n2p2_example/input.nn");
        SymmetryFunctionSet cu2s = SfSpec.resolve(nn.toString(), null);
        assertThat(cu2s.totalSize()).isEqualTo(138);
        assertThat(SfSpec.resolve(nn.toString(), List.of("Cu", "S"))).isEqualTo(cu2s);
        Path cu = SharedData.data("mlearn/nnp_models/Cu/input.nn");
        SymmetryFunctionSet bohr = SfSpec.resolve(cu + "@bohr", null);
        assertThat(bohr.forElement("Cu").get(0).rc()).isCloseTo(4.1, within(1e-7));
        assertThat(SfSpec.resolve(cu + "@1.8897261328", null)).isEqualTo(bohr);
        assertThat(SfSpec.resolve(cu.toString(), null, 1.8897261328)).isEqualTo(bohr);
        Path other = tmp.resolve("my.nn");
        Files.copy(cu, other);
        assertThat(SfSpec.resolve(other.toString(), List.of("Cu")).size("Cu")).isEqualTo(27);
        for (String ext : List.of("yaml", "yml", "json")) {
            Path f = tmp.resolve("set." + ext);
            SfSetFile.write(f, cu2s);
            assertThat(SfSpec.resolve(f.toString(), null)).isEqualTo(cu2s);
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> SfSpec.resolve("thesis23", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("unknown symmetry function set spec 'thesis23'")
            .hasMessageContaining("thesis22[:wide|:narrow]").hasMessageContaining("grid:").hasMessageContaining(".yaml");
        assertThatThrownBy(() -> SfSpec.resolve("thesis22:poly9", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("unknown modifier 'poly9'");
        assertThatThrownBy(() -> SfSpec.resolve("thesis22:narrow:wide", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("given twice");
        assertThatThrownBy(() -> SfSpec.resolve("thesis22", List.of("Qq"))).isInstanceOf(InputException.class)
            .hasMessageContaining("'Qq'");
        assertThatThrownBy(() -> SfSpec.resolve("grid:rc=6,n=x", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("n: expected an integer, got 'x'");
        assertThatThrownBy(() -> SfSpec.resolve("grid:radius=6", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("unknown key 'radius'");
        assertThatThrownBy(() -> SfSpec.resolve("grid:mode=centered,r_inner=0", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("r_inner=0.0");
        assertThatThrownBy(() -> SfSpec.resolve(tmp.resolve("none.yaml").toString(), null))
            .isInstanceOf(InputException.class).hasMessageContaining("no such file");
        Path nn = SharedData.testvectors("case1_thesis22_cos_type9/input.nn");
        assertThatThrownBy(() -> SfSpec.resolve(nn.toString(), List.of("Cu"))).isInstanceOf(InputException.class)
            .hasMessageContaining("is for elements [Al] but elements [Cu] were requested");
        assertThatThrownBy(() -> SfSpec.resolve(nn + "@furlong", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("'furlong'");
        assertThatThrownBy(() -> SfSpec.resolve(" ", null)).isInstanceOf(InputException.class)
            .hasMessageContaining("empty");
    }
}
