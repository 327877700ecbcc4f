package dev.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ArchitectureRules.Edge;
import dev.sieve.ArchitectureRules.MethodSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Layering rules on the main sources: no cycle between packages (a subpackage such as {@code train.optim} is a
 * package of its own), nothing outside {@code cli} refers to {@code cli} or depends on {@code report},
 * no file longer than {@value #MAX_FILE_LINES} lines, and no method or constructor longer than
 * {@value #MAX_METHOD_LINES} lines in any package, except hot kernels annotated {@code @HotKernel("reason")}, which
 * {@link #HOT_KERNELS} lists. The checks themselves are tried on small synthetic sources below, so a passing run
 * means something.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src", "main", "java", "dev", "sieve");
    static final int MAX_METHOD_LINES = 100;
    static final int MAX_FILE_LINES = 800;

    /**
     * The hot kernels allowed above {@value #MAX_METHOD_LINES} lines, each annotated {@code @HotKernel} with its
     * reason in the source (splitting them would put per-pair or per-atom values in memory, or box Vector API
     * values: C2 does not inline callees above 325 bytes of bytecode). The test fails when a kernel is added, split
     * or loses its annotation, so this list is the current one. Keys are {@code file#method} relative to
     * {@code dev/sieve}.
     */
    static final Set<String> HOT_KERNELS = Set.of("descriptor/AngularKernels.java#angular",
        "descriptor/AngularKernels.java#angularForces", "md/potential/EamPotential.java#compute",
        "nn/Network.java#accumulateInputGradientDotParamGradientBatch");

    private static Map<String, String> mainSources() {
        return ArchitectureRules.readSources(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        List<String> cycles = ArchitectureRules.cycles(ArchitectureRules.edges(mainSources()));
        assertThat(cycles).as("package cycles (each edge with the file that makes it)").isEmpty();
    }

    /** core is the bottom layer; math (the numerical kernels and the SIMD decision) sits on core only. */
    @Test
    void foundationPackagesDependOnlyOnWhatIsBelowThem() {
        List<Edge> edges = ArchitectureRules.edges(mainSources());
        assertThat(edges).filteredOn(e -> e.from().equals("core")).as("dependencies of core").isEmpty();
        assertThat(edges).filteredOn(e -> e.from().equals("math")).as("dependencies of math")
            .allSatisfy(e -> assertThat(e.to()).isEqualTo("core"));
        assertThat(edges).filteredOn(e -> e.from().equals("config")).as("dependencies of config")
            .allSatisfy(e -> assertThat(e.to()).isEqualTo("core"));
    }

    @Test
    void onlyCliRefersToCli() {
        assertThat(ArchitectureRules.cliReferences(mainSources())).as("library code referring to dev.sieve.cli")
            .isEmpty();
    }

    /** The HTML report and the evaluation commands sit on top: only the command line uses {@code report}. */
    @Test
    void onlyCliDependsOnReport() {
        assertThat(ArchitectureRules.edges(mainSources())).filteredOn(e -> e.to().equals("report"))
            .as("packages other than cli that depend on report (run metadata, error statistics and charts are in "
                + "results)").allSatisfy(e -> assertThat(e.from()).isEqualTo("cli"));
    }

    @Test
    void filesAreShort() {
        List<String> tooLong = new ArrayList<>();
        mainSources().forEach((file, src) -> {
            long n = src.lines().count();
            if (n > MAX_FILE_LINES) {
                tooLong.add(file + " (" + n + " lines)");
            }
        });
        assertThat(tooLong).as("files longer than " + MAX_FILE_LINES + " lines; split them").isEmpty();
    }

    @Test
    void methodsAreShortExceptTheAnnotatedHotKernels() {
        Map<String, String> src = mainSources();
        List<String> tooLong = new ArrayList<>();
        Map<String, String> kernels = new TreeMap<>();
        for (MethodSpan m : ArchitectureRules.longMethods(src, MAX_METHOD_LINES)) {
            String reason = ArchitectureRules.hotKernelReason(src.get(m.file()), m);
            if (reason != null && !reason.isBlank()) {
                kernels.put(m.key(), reason);
            } else {
                tooLong.add(m.key() + " (line " + m.firstLine() + ", " + m.lines() + " lines)");
            }
        }
        assertThat(tooLong).as("methods longer than " + MAX_METHOD_LINES + " lines; split them (or, for a hot kernel "
            + "that must stay whole, annotate it @HotKernel(\"measured reason\") and list it in HOT_KERNELS)").isEmpty();
        assertThat(kernels.keySet()).as("annotated hot kernels above the limit (HOT_KERNELS)")
            .containsExactlyInAnyOrderElementsOf(HOT_KERNELS);
    }

    // ------------------------------------------------------------ the checker on synthetic sources

    private static Map<String, String> files(String... pathAndSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < pathAndSource.length; k += 2) {
            m.put(pathAndSource[k], pathAndSource[k + 1]);
        }
        return m;
    }

    @Test
    void aTwoPackageCycleIsFoundWithTheFilesOfItsEdges() {
        Map<String, String> src = files(
            "a/A.java", "package dev.sieve.a;\nimport dev.sieve.b.B;\nclass A { B b; }\n",
            "b/B.java", "package dev.sieve.b;\npublic class B { Object f() { return new dev.sieve.a.A2(); } }\n",
            "b/C.java", "package dev.sieve.b;\nimport dev.sieve.c.*;\nclass C {}\n",
            "c/D.java", "package dev.sieve.c;\nclass D {}\n");
        List<Edge> edges = ArchitectureRules.edges(src);
        assertThat(edges).containsExactly(new Edge("a", "b", "a/A.java"), new Edge("b", "a", "b/B.java"),
            new Edge("b", "c", "b/C.java"));
        assertThat(ArchitectureRules.cycles(edges))
            .containsExactly("a -> b -> a\n    a -> b: a/A.java\n    b -> a: b/B.java");
    }

    /** A subpackage is a package of its own: an edge each way between it and its parent is a cycle. */
    @Test
    void aSubpackageIsItsOwnNodeAndACycleWithItsParentIsFound() {
        Map<String, String> src = files(
            "train/Fit.java", "package dev.sieve.train;\nimport dev.sieve.train.optim.Adam;\nclass Fit {}\n",
            "train/optim/Adam.java", "package dev.sieve.train.optim;\nclass Adam { dev.sieve.train.Fit f; }\n",
            "train/optim/Sgd.java", "package dev.sieve.train.optim;\nimport dev.sieve.core.X;\nclass Sgd {}\n");
        List<Edge> edges = ArchitectureRules.edges(src);
        assertThat(edges).containsExactly(new Edge("train", "train.optim", "train/Fit.java"),
            new Edge("train.optim", "core", "train/optim/Sgd.java"),
            new Edge("train.optim", "train", "train/optim/Adam.java"));
        assertThat(ArchitectureRules.cycles(edges)).containsExactly("train -> train.optim -> train\n"
            + "    train -> train.optim: train/Fit.java\n    train.optim -> train: train/optim/Adam.java");
        assertThat(ArchitectureRules.cycles(edges.subList(0, 2))).isEmpty();
    }

    @Test
    void aLongerCycleIsReportedInOrder() {
        List<Edge> edges = List.of(new Edge("x", "y", "x/X.java"), new Edge("y", "z", "y/Y.java"),
            new Edge("z", "x", "z/Z.java"), new Edge("z", "w", "z/W.java"));
        assertThat(ArchitectureRules.cycles(edges)).singleElement().asString().startsWith("x -> y -> z -> x\n");
    }

    @Test
    void commentsStringsAndStaticImportsAreHandled() {
        Map<String, String> src = files(
            "a/A.java", """
                package dev.sieve.a;
                import static dev.sieve.b.B.helper;
                /** See {@link dev.sieve.c.C}. */
                class A {
                    // dev.sieve.d.D in a comment
                    String s = "dev.sieve.e.E in a string";
                    char q = '"';
                    String t = \"""
                        dev.sieve.f.F in a text block
                        \""";
                    Object o = dev.sieve.g
                        .G.make();
                }
                """);
        assertThat(ArchitectureRules.edges(src)).extracting(Edge::to).containsExactly("b", "g");
    }

    @Test
    void aReferenceToCliFromALibraryPackageIsFound() {
        Map<String, String> src = files(
            "cli/Main.java", "package dev.sieve.cli;\nimport dev.sieve.nn.Net;\nclass Main {}\n",
            "nn/Net.java", "package dev.sieve.nn;\nclass Net { void f() { dev.sieve.cli.Main.run(); } }\n",
            "io/R.java", "package dev.sieve.io;\nclass R {}\n");
        assertThat(ArchitectureRules.cliReferences(src)).containsExactly("nn/Net.java (package nn) -> cli");
    }

    /** A class with one method of exactly {@code lines} lines (name line to closing brace), starting at line 3. */
    private static String classWithMethod(int lines) {
        StringBuilder sb = new StringBuilder("package dev.sieve.train;\n\nclass T {\n    @Override\n");
        sb.append("    public String run(int a) throws java.io.IOException {\n");
        for (int k = 0; k < lines - 2; k++) {
            sb.append(k % 3 == 0 ? "        String s = \"}}{\"; // }\n" : "        if (a > 0) { a--; }\n");
        }
        sb.append("    }\n\n    T() {\n        this(1);\n    }\n\n    T(int x) {}\n}\n");
        return sb.toString();
    }

    @Test
    void theHotKernelAnnotationAboveAMethodIsFoundWithItsReason() {
        String src = "package dev.sieve.x;\nclass K {\n    int f;\n\n    /** Doc. */\n    @HotKernel(\"keeps \\\"pairs\\\" in "
            + "registers\")\n    @SuppressWarnings(\"x\")\n    static void k(int a) {\n        a++;\n    }\n\n"
            + "    static void plain() {\n    }\n}\n";
        List<MethodSpan> spans = ArchitectureRules.methods("x/K.java", src);
        assertThat(ArchitectureRules.hotKernelReason(src, spans.get(0))).isEqualTo("keeps \\\"pairs\\\" in registers");
        assertThat(ArchitectureRules.hotKernelReason(src, spans.get(1))).isNull();
    }

    @Test
    void aMethodOfOneHundredAndOneLinesIsTooLong() {
        List<MethodSpan> spans = ArchitectureRules.methods("train/T.java", classWithMethod(101));
        assertThat(spans).extracting(MethodSpan::name).containsExactly("run", "T", "T");
        assertThat(spans.get(0).firstLine()).isEqualTo(5);
        assertThat(spans.get(0).lines()).isEqualTo(101);
        assertThat(ArchitectureRules.longMethods(files("train/T.java", classWithMethod(101)), 100))
            .extracting(MethodSpan::key).containsExactly("train/T.java#run");
        assertThat(ArchitectureRules.longMethods(files("train/T.java", classWithMethod(100)), 100)).isEmpty();
    }

    @Test
    void typesLambdasInitialisersAndEnumConstantsAreNotMethods() {
        String src = """
            package dev.sieve.cli;
            import java.util.function.IntSupplier;
            @Deprecated(since = "1")
            public class C implements Runnable {
                static final int[] A = {1, 2};
                static { System.gc(); }
                final IntSupplier s = () -> { return 1; };
                enum E { X { int f() { return 1; } }, Y(2) { }, Z(3);
                    E() {}
                    E(int k) {}
                }
                record R(int a) {
                    public R {
                        if (a < 0) { throw new IllegalArgumentException(); }
                    }
                    int twice() { return 2 * a; }
                }
                interface I { void g(); default void h() { } }
                @Override public void run() {
                    Runnable r = new Runnable() { public void run() { } };
                    class Local { void m() { } }
                    switch (1) { default -> { } }
                }
                void record(int x) { }
            }
            """;
        assertThat(ArchitectureRules.methods("cli/C.java", src)).extracting(MethodSpan::name)
            .containsExactly("f", "E", "E", "R", "twice", "h", "run", "record");
    }

    /** TrainConfig is built from its defaults and withers everywhere but in its own package. */
    @Test
    void trainConfigIsNeverBuiltPositionallyOutsideTrain() {
        List<String> bad = new ArrayList<>();
        mainSources().forEach((file, text) -> {
            if (!file.startsWith("train/") && text.contains("new TrainConfig(")) {
                bad.add(file);
            }
        });
        assertThat(bad).as("files outside train that call new TrainConfig(...)").isEmpty();
    }
}
