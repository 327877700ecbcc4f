package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostInfoTest {
    @Test
    void namesTheCpuItsSimdFlagsTheVectorSpeciesAndTheJvmOptions() {
        var d = HostInfo.describe();
        assertThat(d).containsKeys("cpu", "simd_flags", "vector_species", "jvm_vector_options", "cores");
        assertThat((String) d.get("jvm_vector_options")).matches("UseAVX=\\S+ MaxVectorSize=\\S+");
        assertThat((String) d.get("vector_species")).satisfiesAnyOf(
            s -> assertThat(s).startsWith("Species[double, "), s -> assertThat(s).contains("scalar"));
        assertThat(HostInfo.line()).startsWith("host: ").contains("vector API");
    }
}
