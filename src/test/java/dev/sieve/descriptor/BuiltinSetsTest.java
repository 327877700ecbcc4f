package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.SharedData;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinSetsTest {

    @Test
    void thesis22WideCosMatchesCase1ColumnsInOrder() throws Exception {
        List<String> header = SfTestUtil.headerNames(SharedData.testvectors("case1_thesis22_cos_type9/G_raw.csv"));
        SymmetryFunctionSet s = BuiltinSets.thesis22("Al");
        assertThat(s.elements()).containsExactly("Al");
        assertThat(header).hasSize(22);
        assertThat(SfTestUtil.names(s.forElement("Al"))).containsExactlyElementsOf(header);
        assertThat(s.forElement("Al")).allSatisfy(f -> {
            assertThat(f.cutoff()).isEqualTo(CutoffType.COS);
            assertThat(f.alpha()).isZero();
            assertThat(f.type()).isIn(2, 9);
        });
    }

    @Test
    void thesis22WideEqualsCase1InputNn() {
        SymmetryFunctionSet read = N2p2SymmetryFunctionReader.read(SharedData.testvectors("case1_thesis22_cos_type9/input.nn"));
        assertThat(BuiltinSets.thesis22("Al").functions()).isEqualTo(read.functions());
    }

    @Test
    void thesis22NarrowPoly2EqualsCase2InputNn() throws Exception {
        SymmetryFunctionSet read = N2p2SymmetryFunctionReader.read(SharedData.testvectors("case2_thesis22_poly2_type3/input.nn"));
        SymmetryFunctionSet built = BuiltinSets.thesis22("Al", CutoffType.POLY2, SymmetryFunction.ANGULAR_NARROW);
        assertThat(SfTestUtil.names(built.forElement("Al"))).containsExactlyElementsOf(SfTestUtil.names(read.forElement("Al")));
        assertThat(built.forElement("Al")).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.POLY2);
        assertThat(read.forElement("Al")).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.POLY2);
        assertThat(built.functions()).isEqualTo(read.functions());
        List<String> header = SfTestUtil.headerNames(SharedData.testvectors("case2_thesis22_poly2_type3/G_raw.csv"));
        assertThat(SfTestUtil.names(built.forElement("Al"))).containsExactlyElementsOf(header);
    }

    @Test
    void thesis329Has269RadialAnd60AngularDistinctFunctions() {
        SymmetryFunctionSet s = BuiltinSets.thesis329("Al", CutoffType.COS, SymmetryFunction.ANGULAR_WIDE);
        List<SymmetryFunction> l = s.forElement("Al");
        assertThat(l).hasSize(329);
        assertThat(l.stream().filter(SymmetryFunction::isRadial).count()).isEqualTo(269);
        assertThat(l.stream().filter(SymmetryFunction::isAngular).count()).isEqualTo(60);
        assertThat(new HashSet<>(SfTestUtil.names(l))).hasSize(329);
        // 201 centred radial functions, eta = linspace(0, 2, 201) with the first replaced by 0.0013
        assertThat(l.stream().filter(f -> f.isRadial() && f.rs() == 0).count()).isEqualTo(201);
        assertThat(l).anySatisfy(f -> assertThat(f.eta()).isEqualTo(0.0013));
        assertThat(l).noneSatisfy(f -> assertThat(f.eta()).isZero());
        // 68 shifted with eta 1.85 spanning 0.05 .. 6.8
        List<Double> rs = l.stream().filter(f -> f.isRadial() && f.rs() != 0).map(SymmetryFunction::rs).toList();
        assertThat(rs).hasSize(68).contains(0.05, 6.8, 0.15074626865671642, 3.3746268656716416, 6.699253731343283);
        assertThat(l.stream().filter(f -> f.isRadial() && f.rs() != 0)).allSatisfy(f -> assertThat(f.eta()).isEqualTo(1.85));
        // angular: etas 0.0013, 0.4, 0.8, 1.2000000000000002 (numpy's value), 1.6, 2
        assertThat(l.stream().filter(SymmetryFunction::isAngular).map(SymmetryFunction::eta).distinct().toList())
            .containsExactly(0.0013, 0.4, 0.8, 1.2000000000000002, 1.6, 2.0);
        assertThat(l.stream().filter(SymmetryFunction::isAngular)).allSatisfy(f -> {
            assertThat(f.rc()).isEqualTo(4.4);
            assertThat(f.rs()).isZero();
            assertThat(f.type()).isEqualTo(9);
        });
    }

    @Test
    void linspaceMatchesNumpy() {
        double[] a = BuiltinSets.linspace(0, 2, 201);
        assertThat(a[1]).isEqualTo(0.01);
        assertThat(a[3]).isEqualTo(0.03);
        assertThat(a[100]).isEqualTo(1.0);
        assertThat(a[199]).isEqualTo(1.99);
        assertThat(a[200]).isEqualTo(2.0);
        double[] b = BuiltinSets.linspace(0.05, 6.8, 68);
        assertThat(b[1]).isEqualTo(0.15074626865671642);
        assertThat(b[33]).isEqualTo(3.3746268656716416);
        assertThat(b[67]).isEqualTo(6.8);
        assertThat(BuiltinSets.linspace(0, 2, 6)).containsExactly(0, 0.4, 0.8, 1.2000000000000002, 1.6, 2);
    }

    @Test
    void multiElementSetsCoverEveryCombination() {
        SymmetryFunctionSet s = BuiltinSets.thesis22(List.of("S", "Cu"), CutoffType.COS, SymmetryFunction.ANGULAR_NARROW);
        assertThat(s.elements()).containsExactly("S", "Cu");
        for (String el : s.elements()) {
            List<SymmetryFunction> l = s.forElement(el);
            assertThat(l).hasSize(2 * 12 + 3 * 10);
            assertThat(l.stream().filter(f -> f.isRadial() && f.e1().equals("Cu")).count()).isEqualTo(12);
            assertThat(l.stream().filter(f -> f.isAngular() && f.e1().equals("S") && f.e2().equals("Cu")).count())
                .isEqualTo(10);
            assertThat(l.stream().filter(f -> f.isAngular() && f.e1().equals("Cu") && f.e2().equals("Cu")).count())
                .isEqualTo(10);
        }
        assertThat(BuiltinSets.thesis329(List.of("Al", "Cu", "Ni"), CutoffType.COS, 9).size("Ni"))
            .isEqualTo(3 * 269 + 6 * 60);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> BuiltinSets.thesis22("Al", CutoffType.COS, 2)).hasMessageContaining("got 2");
        assertThatThrownBy(() -> BuiltinSets.thesis22("Xx")).hasMessageContaining("'Xx'");
    }
}
