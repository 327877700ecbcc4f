package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.SfSetFile;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refit-validated search after the path: it only moves to sets with a lower mean validation loss, stays at the
 * count, is deterministic, and its chosen sets become points that refit's count rule takes; a killed run resumed
 * after a searched count ends as an uninterrupted one.
 */
class SetSearchTest {
    @org.junit.jupiter.api.BeforeAll
    static void load() {
        SelectionPathTest.load();
    }

    static TrainConfig judgeBase() {
        return TrainConfig.defaults().with(TrainSettings.HIDDEN, List.of(6, 6)).with(TrainSettings.SEED, 7L)
            .with(TrainSettings.THREADS, 1);
    }

    static SetSearch.Settings settings(int refits) {
        return new SetSearch.Settings(refits, 4, 2, 2, "kalman");
    }

    @Test
    void movesOnlyToBetterSetsAndIsDeterministic() {
        var data = SelectionPathTest.data;
        var cand = SelectionPathTest.set;
        double[][] rank = {new double[cand.totalSize()]};
        for (int i = 0; i < rank[0].length; i++) {
            rank[0][i] = i; // later candidates "survived" longer
        }
        // a poor start: the two weakest by this rank, the broadest radial functions
        int[][] start = {{0, 1}};
        SetSearch.Result a = new SetSearch(data, cand, judgeBase(), settings(12), SelectionPathTest.QUIET)
            .search(start, null, rank);
        SetSearch.Result b = new SetSearch(data, cand, judgeBase(), settings(12), SelectionPathTest.QUIET)
            .search(start, null, rank);
        assertThat(a.evaluations()).isEqualTo(b.evaluations().stream().map(e -> new SetSearch.Evaluation(e.count(),
            e.number(), e.move(), e.set(), e.score(), e.valRmse(), e.trainRmse(), e.accepted(), a.evaluations()
                .get(e.number() - 1).seconds())).toList());
        assertThat(a.best()[0]).hasSize(2);
        assertThat(a.evaluations()).hasSizeLessThanOrEqualTo(12);
        assertThat(a.evaluations().stream().map(SetSearch.Evaluation::set).distinct().count())
            .isEqualTo(a.evaluations().size()); // no set refitted twice
        // kept sets get strictly better, the last one kept is the result and the best set refitted
        double level = Double.POSITIVE_INFINITY;
        SetSearch.Evaluation last = null;
        for (SetSearch.Evaluation e : a.evaluations()) {
            if (e.accepted()) {
                assertThat(e.score()).isLessThan(level);
                level = e.score();
                last = e;
            }
        }
        assertThat(a.bestEval()).isEqualTo(last);
        assertThat(a.bestEval().score()).isEqualTo(a.evaluations().stream()
            .mapToDouble(SetSearch.Evaluation::score).min().orElseThrow());
        assertThat(a.accepted()).as("two broad radial functions are not the best pair of thesis22").isPositive();
        assertThat(a.bestEval().score()).isLessThan(a.startEval().score());
        assertThat(a.model()).isNotNull();
        assertThat(a.model().symmetryFunctions().totalSize()).isEqualTo(2);
    }

    @Test
    void backwardEliminationFromALargerSetMakesASecondStart() {
        var cand = SelectionPathTest.set;
        double[][] rank = {new double[cand.totalSize()]};
        for (int i = 0; i < rank[0].length; i++) {
            rank[0][i] = i;
        }
        SetSearch.Result r = new SetSearch(SelectionPathTest.data, cand, judgeBase(), settings(14),
            SelectionPathTest.QUIET).search(new int[][] {{0, 1}}, new int[][] {{3, 4, 5, 16}}, rank);
        // 4 + 3 removals fit in 3/4 of 14 refits, and so do the 6 pairs of the 4-set: all pairs are refitted
        assertThat(r.evaluations().stream().filter(e -> e.move().startsWith("subset")).count()).isEqualTo(6);
        double best = r.evaluations().stream().filter(e -> e.count() == 2).mapToDouble(SetSearch.Evaluation::score)
            .min().orElseThrow();
        assertThat(r.bestEval().score()).isEqualTo(best);
        assertThat(r.evaluations()).hasSizeLessThanOrEqualTo(14);
        assertThat(SetSearch.eliminationRefits(9, 6, 1)).isEqualTo(9 + 8 + 7);
        assertThat(SetSearch.eliminationRefits(6, 2, 1)).isEqualTo(6 + 5 + 4 + 3);
        assertThat(SetSearch.subsets(new int[][] {{0, 1, 2, 3, 4, 5}}, 2, 18)).hasSize(15);
        assertThat(SetSearch.subsets(new int[][] {{0, 1, 2, 3, 4, 5, 6, 7, 8}}, 6, 24)).isNull(); // 84 > 24
        assertThat(SetSearch.subsets(new int[][] {{0, 1}, {5, 6}}, 2, 10))
            .containsExactly(new int[][] {{0}, {5}}, new int[][] {{0}, {6}}, new int[][] {{1}, {5}},
                new int[][] {{1}, {6}});
    }

    @Test
    void survivalRanksByLastPointAndBreaksTiesByDenseNorm() {
        double[][] norms = {{1.0, 4.0, 2.0, 3.0}};
        List<int[][]> sets = List.of(new int[][] {{0, 1, 2, 3}}, new int[][] {{0, 2, 3}}, new int[][] {{3}});
        double[][] r = SetSearch.survival(sets, norms);
        // candidate 3 lasts to point 2, 0 and 2 to point 1 (2 has the larger norm), 1 goes first
        assertThat(r[0][3]).isGreaterThan(r[0][2]);
        assertThat(r[0][2]).isGreaterThan(r[0][0]);
        assertThat(r[0][0]).isGreaterThan(r[0][1]);
        assertThat(SetSearch.topByRank(r, 2)).isDeepEqualTo(new int[][] {{2, 3}});
        assertThat(SetSearch.topByRank(new double[][] {{1, 2}, {0.5}}, 2)).isDeepEqualTo(new int[][] {{1}, {0}});
    }

    static PathConfig searchingPath(int refits) {
        return SelectionPathTest.config(1).with(PathSettings.LAMBDAS, List.of(8.0, 30.0, 100.0, 300.0, 1000.0))
            .with(PathSettings.COUNTS, List.of(3, 5)).with(PathSettings.SEARCH_REFITS, refits)
            .with(PathSettings.SEARCH_EPOCHS, 3).with(PathSettings.SEARCH_ALTERNATIVES, 1);
    }

    @Test
    void searchedSetsArePointsThatRefitChoosesAndResumeRepeatsThem(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        List<PathPoint> full = new SelectionPath(SelectionPathTest.data, SelectionPathTest.set, searchingPath(4), a,
            SelectionPathTest.source(), SelectionPathTest.QUIET).run(false, -1, null);
        List<PathPoint> search = full.stream().filter(PathPoint::isSearch).toList();
        assertThat(search).extracting(PathPoint::features).containsExactly(5, 3);
        for (PathPoint p : search) {
            assertThat(p.index()).isEqualTo(full.indexOf(p));
            assertThat(SfSetFile.read(a.resolve(p.setFile())).totalSize()).isEqualTo(p.features());
            assertThat(Files.isDirectory(a.resolve(p.modelDir()))).isTrue();
            assertThat(Files.readAllLines(SearchFile.file(a, p.features()))).hasSizeBetween(2, 5);
            assertThat(KneeRule.choose(full, KneeRule.Choice.parse("count:" + p.features()))).isEqualTo(p);
        }
        assertThat(Files.readString(a.resolve("path.csv"))).contains(",search");
        assertThat(PathFile.read(a).points()).isEqualTo(full);
        int pathPoints = full.size() - search.size();
        // killed after the first searched count, then resumed: the same points
        Path b = tmp.resolve("b");
        new SelectionPath(SelectionPathTest.data, SelectionPathTest.set, searchingPath(4), b,
            SelectionPathTest.source(), SelectionPathTest.QUIET).run(false, pathPoints + 1, null);
        assertThat(PathFile.read(b).points().stream().filter(PathPoint::isSearch).count()).isEqualTo(1);
        List<PathPoint> resumed = new SelectionPath(SelectionPathTest.data, SelectionPathTest.set, searchingPath(4), b,
            SelectionPathTest.source(), SelectionPathTest.QUIET).run(true, -1, null);
        assertThat(withoutSeconds(resumed)).isEqualTo(withoutSeconds(full));
        for (int n : List.of(3, 5)) {
            assertThat(withoutSeconds(Files.readString(SearchFile.file(b, n))))
                .isEqualTo(withoutSeconds(Files.readString(SearchFile.file(a, n))));
        }
    }

    static String withoutSeconds(String csv) {
        return csv.replaceAll(",[0-9.]+\n", "\n");
    }

    static List<PathPoint> withoutSeconds(List<PathPoint> ps) {
        return ps.stream().map(p -> new PathPoint(p.index(), p.lambda(), p.perElement(), p.features(), p.angular(),
            p.glFeatures(), p.trainLoss(), p.valLoss(), p.penalty(), p.valObjective(), p.trainRmse(), p.valRmse(),
            p.epochsGl(), p.epochsAgl(), 0, p.setFile(), p.modelDir(), p.kind())).toList();
    }
}
