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
 * Layering rules on the main sources: no cycle between packages, nothing outside {@code cli} refers to {@code cli},
 * and no method or constructor in {@code train}, {@code select} or {@code cli} is longer than
 * {@value #MAX_METHOD_LINES} lines (except the ones in {@link #LONG_METHOD_ALLOW_LIST}). The checks themselves are
 * tried on small synthetic sources below, so a passing run means something.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src", "main", "java", "dev", "sieve");
    static final int MAX_METHOD_LINES = 100;
    static final Set<String> LENGTH_CHECKED_PACKAGES = Set.of("train", "select", "cli");

    /**
     * The methods longer than {@value #MAX_METHOD_LINES} lines when the check was introduced, being split up in a
     * separate change; remove an entry when its method is split (the test fails on an entry that is no longer long,
     * so this list only shrinks). Do not add to it: new code gets short methods. Keys are {@code file#method} with
     * the file relative to {@code dev/sieve}.
     */
    static final Set<String> LONG_METHOD_ALLOW_LIST = Set.of();

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
    }

    @Test
    void onlyCliRefersToCli() {
        assertThat(ArchitectureRules.cliReferences(mainSources())).as("library code referring to dev.sieve.cli")
            .isEmpty();
    }

    @Test
    void methodsAreShortExceptTheAllowListed() {
        Map<String, String> checked = new TreeMap<>();
        mainSources().forEach((file, src) -> {
            if (LENGTH_CHECKED_PACKAGES.contains(file.substring(0, Math.max(0, file.indexOf('/'))))) {
                checked.put(file, src);
            }
        });
        assertThat(checked).as("sources of " + LENGTH_CHECKED_PACKAGES).isNotEmpty();
        List<String> tooLong = new ArrayList<>();
        Set<String> stillLong = new TreeSet<>();
        for (MethodSpan m : ArchitectureRules.longMethods(checked, MAX_METHOD_LINES)) {
            if (LONG_METHOD_ALLOW_LIST.contains(m.key())) {
                stillLong.add(m.key());
            } else {
                tooLong.add(m.key() + " (line " + m.firstLine() + ", " + m.lines() + " lines)");
            }
        }
        assertThat(tooLong).as("methods longer than " + MAX_METHOD_LINES + " lines; split them").isEmpty();
        Set<String> stale = new TreeSet<>(LONG_METHOD_ALLOW_LIST);
        stale.removeAll(stillLong);
        assertThat(stale).as("LONG_METHOD_ALLOW_LIST entries that are no longer long (or gone): remove them")
            .isEmpty();
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
