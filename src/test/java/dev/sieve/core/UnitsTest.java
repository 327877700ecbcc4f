package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void codataAndN2p2ConversionsAreTheValuesUsedBefore() {
        assertThat(Units.BOHR_PER_ANGSTROM).isEqualTo(1.0 / 0.529177210903);
        assertThat(Units.HARTREE_PER_EV).isEqualTo(1.0 / 27.211386245988);
        assertThat(Units.N2P2_BOHR_PER_ANGSTROM).isEqualTo(1.8897261328);
        assertThat(Units.N2P2_HARTREE_PER_EV).isEqualTo(0.0367493254);
        // the rounded n2p2 values agree with CODATA to about 1e-10 relative
        assertThat(Units.N2P2_BOHR_PER_ANGSTROM / Units.BOHR_PER_ANGSTROM - 1).isBetween(-1e-10, 1e-10);
        assertThat(Units.N2P2_HARTREE_PER_EV / Units.HARTREE_PER_EV - 1).isBetween(-1e-9, 1e-9);
    }

    @Test
    void mdUnitsKeepTheirValues() {
        assertThat(Units.MVV_TO_EV).isEqualTo(1.66053906660e-27 * 1e-20 / 1e-30 / 1.602176634e-19);
        assertThat(Units.KB).isEqualTo(8.617333262e-5);
        assertThat(Units.EV_PER_A3_TO_BAR).isEqualTo(1.602176634e6);
    }
}
