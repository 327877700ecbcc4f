package dev.sieve.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one SIMD decision, and the scalar path in a JVM without the incubator module. */
class SimdTest {
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @Test
    void theDecisionFollowsTheModuleAndTheProperty() {
        boolean off = "false".equalsIgnoreCase(System.getProperty(Simd.PROPERTY, "true"));
        assertThat(Simd.enabled()).isEqualTo(MODULE && !off);
        String expected = Simd.enabled() ? "vector" : "scalar";
        assertThat(BulkExp.get().name()).startsWith(expected);
        assertThat(Network.batchKernelName()).startsWith(expected);
        assertThat(BulkExp.scalar().name()).isEqualTo("scalar");
    }

    @Test
    void choosingFallsBackToScalarWhenTheImplementationCannotBeMade() {
        Object scalar = new Object();
        assertThat(Simd.choose(java.lang.invoke.MethodHandles.lookup(), "dev.sieve.math.NoSuchKernel", Object.class,
            scalar)).isSameAs(scalar);
    }

    /** A JVM without {@code --add-modules jdk.incubator.vector}, and one with SIMD turned off by the property. */
    @Test
    void theScalarPathLoadsWithoutTheModuleAndGivesTheSameBits() throws Exception {
        String expected = "false scalar scalar " + SimdProbe.digest();
        assertThat(probe(List.of())).isEqualTo(expected);
        if (MODULE) {
            assertThat(probe(List.of("--add-modules", "jdk.incubator.vector", "-Dsieve.vector=false")))
                .isEqualTo(expected);
        }
    }

    private static String probe(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SimdProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce((a, b) -> b)
            .orElse("").strip();
    }
}
