package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DescriptorCsvWriter} on small random Al/Cu cells (no shared data needed). */
class DescriptorCsvWriterTest {
    @TempDir
    Path dir;

    private static final SymmetryFunctionSet SET = SfSpec.resolve("grid:rc=4.2,n=3,ang_n=1,zetas=1;2",
        List.of("Al", "Cu"));

    /** {@code count} cubic 5 Å cells with 3 to 6 atoms each, elements mixed (index -1: no own index). */
    private static List<Structure> structures(int count, long seed, String... elements) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Structure> l = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 3 + r.nextInt(4);
            String[] el = new String[n];
            double[] x = new double[3 * n];
            for (int i = 0; i < n; i++) {
                el[i] = elements[r.nextInt(elements.length)];
                for (int c = 0; c < 3; c++) {
                    x[3 * i + c] = r.nextDouble() * 5;
                }
            }
            l.add(Structure.of(Cell.orthorhombic(5, 5, 5), el, x));
        }
        return l;
    }

    private static List<String[]> rows(Path csv) throws Exception {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.skip(1).map(line -> line.split(",", -1)).toList();
        }
    }

    @Test
    void valuesReadBackEqualTheCalculatorsExactly() throws Exception {
        List<Structure> data = structures(12, 1, "Al", "Cu");
        Path out = dir.resolve("d.csv");
        DescriptorCsvWriter.Result r = DescriptorCsvWriter.write(data.iterator(), SET, out, 2, null);
        assertThat(r.structures()).isEqualTo(12);
        assertThat(r.atoms()).isEqualTo(data.stream().mapToInt(Structure::size).sum());

        int[] next = new int[2]; // next unread row per element file
        List<List<String[]>> files = List.of(rows(dir.resolve("d.Al.csv")), rows(dir.resolve("d.Cu.csv")));
        try (DescriptorEngine engine = new DescriptorEngine(SET, 1)) {
            for (int s = 0; s < data.size(); s++) {
                Structure st = data.get(s);
                AtomDescriptors d = engine.compute(st, false);
                for (int i = 0; i < st.size(); i++) {
                    int e = SET.elements().indexOf(st.elements()[i]);
                    String[] row = files.get(e).get(next[e]++);
                    assertThat(row[0]).isEqualTo(String.valueOf(s));
                    assertThat(row[1]).isEqualTo(String.valueOf(i));
                    assertThat(row[2]).isEqualTo(st.elements()[i]);
                    assertThat(row).hasSize(3 + d.count(i));
                    for (int k = 0; k < d.count(i); k++) {
                        assertThat(Double.parseDouble(row[3 + k])).isEqualTo(d.value(i, k));
                    }
                }
            }
        }
        assertThat(next[0]).isEqualTo(files.get(0).size());
        assertThat(next[1]).isEqualTo(files.get(1).size());
    }

    @Test
    void oneFilePerElementWithItsOwnHeader() throws Exception {
        Path out = dir.resolve("d.csv");
        DescriptorCsvWriter.Result r = DescriptorCsvWriter.write(structures(3, 2, "Al", "Cu").iterator(), SET, out, 1,
            null);
        assertThat(r.files()).containsExactly(dir.resolve("d.Al.csv").toAbsolutePath(),
            dir.resolve("d.Cu.csv").toAbsolutePath());
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("d.Al.csv", "d.Cu.csv");
        }
        for (String el : List.of("Al", "Cu")) {
            StringBuilder h = new StringBuilder("structure,atom,element");
            SET.forElement(el).forEach(f -> h.append(',').append(f.name()));
            assertThat(Files.readAllLines(dir.resolve("d." + el + ".csv")).get(0)).isEqualTo(h.toString());
            assertThat(rows(dir.resolve("d." + el + ".csv"))).allSatisfy(row -> assertThat(row[2]).isEqualTo(el));
        }
        assertThat(DescriptorCsvWriter.perElement(Path.of("a", "x.csv.gz"), "Cu")).isEqualTo(Path.of("a", "x.Cu.csv.gz"));
        assertThat(DescriptorCsvWriter.perElement(Path.of("x"), "Cu")).isEqualTo(Path.of("x.Cu.csv"));
    }

    @Test
    void aSingleElementGoesToTheGivenFileAndTheSetComesFromTheFirstStructure() throws Exception {
        Path out = dir.resolve("al.csv");
        DescriptorCsvWriter.Result r = DescriptorCsvWriter.write(structures(4, 3, "Al").iterator(), "al.xyz",
            "thesis22", null, out, 1, null);
        assertThat(r.set().elements()).containsExactly("Al");
        assertThat(r.set().totalSize()).isEqualTo(22);
        assertThat(r.files()).containsExactly(out.toAbsolutePath());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0).split(",")).hasSize(3 + 22);
        assertThat(lines).hasSize(1 + (int) r.atoms());
    }

    @Test
    void outputDoesNotDependOnTheThreadCountAndLimitStopsEarly() throws Exception {
        List<Structure> data = structures(40, 4, "Al", "Cu");
        DescriptorCsvWriter.write(data.iterator(), SET, dir.resolve("one.csv"), 1, null);
        DescriptorCsvWriter.write(data.iterator(), SET, dir.resolve("three.csv"), 3, null);
        for (String el : List.of("Al", "Cu")) {
            assertThat(Files.readAllBytes(dir.resolve("three." + el + ".csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("one." + el + ".csv")));
        }
        DescriptorCsvWriter.Result r = DescriptorCsvWriter.write(data.iterator(), SET, dir.resolve("five.csv"), 2, 5L);
        assertThat(r.structures()).isEqualTo(5);
        assertThat(r.atoms()).isEqualTo(data.stream().limit(5).mapToInt(Structure::size).sum());
        assertThat(rows(dir.resolve("five.Al.csv"))).allSatisfy(row -> assertThat(Integer.parseInt(row[0])).isLessThan(5));
    }

    @Test
    void anElementOutsideTheSetLeavesNoFiles() {
        List<Structure> data = new ArrayList<>(structures(20, 5, "Al", "Cu"));
        data.add(structures(1, 6, "Zn").get(0).withSource("z.xyz", 20));
        Iterator<Structure> it = data.iterator();
        assertThatThrownBy(() -> DescriptorCsvWriter.write(it, SET, dir.resolve("d.csv"), 2, null))
            .isInstanceOf(InputException.class).hasMessageContaining("z.xyz #20").hasMessageContaining("Zn");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void noStructuresIsAnErrorNamingTheSource() {
        assertThatThrownBy(() -> DescriptorCsvWriter.write(List.<Structure>of().iterator(), "empty.xyz", "thesis22",
            null, dir.resolve("d.csv"), 1, null))
            .isInstanceOf(InputException.class).hasMessage("empty.xyz: no structures in the file");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
