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
        // the n2p2 values are CODATA 2006 rounded: 4e-9 and 9e-8 relative from CODATA 2018
        assertThat(Units.N2P2_BOHR_PER_ANGSTROM / Units.BOHR_PER_ANGSTROM - 1).isBetween(4e-9, 5e-9);
        assertThat(Units.N2P2_HARTREE_PER_EV / Units.HARTREE_PER_EV - 1).isBetween(8e-8, 9e-8);
    }

    @Test
    void mdUnitsKeepTheirValues() {
        assertThat(Units.MVV_TO_EV).isEqualTo(1.66053906660e-27 * 1e-20 / 1e-30 / 1.602176634e-19);
        assertThat(Units.KB).isEqualTo(8.617333262e-5);
        assertThat(Units.EV_PER_A3_TO_BAR).isEqualTo(1.602176634e6);
    }
}
