package dev.sieve.select;

import dev.sieve.core.ChunkedExecutor;
import dev.sieve.core.Seeds;
import dev.sieve.core.SettingException;
import dev.sieve.config.SettingValues;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.Network;
import dev.sieve.structure.Structure;
import dev.sieve.train.CurveRow;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.FitLoop;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainJob;
import dev.sieve.train.TrainSettings;
import dev.sieve.train.TrainingData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The refit-validated search after a selection path: from the path's set at a count, swap one member for an
 * alternative (one of the non-members most correlated with it, or one of the non-members that survived longest on
 * the path) and keep the swap when short refits of the new set reach a lower validation loss; repeat until a full
 * pass over the members finds no better swap or the budget of refits is spent.
 *
 * <p>What a path ranks is how long a candidate survives a penalty; what a user wants is the set of a given size that
 * refits best. The two differ where correlated candidates compete (the path keeps one member of a cluster and may keep
 * the wrong one), so the search judges sets the way they will be used: every candidate set is refitted without penalty
 * by the search's trainer (Kalman filter by default, min-max scaling as {@code train}) on {@code splits} random
 * training/validation splits of the path's structures (seeds from {@link Seeds#SET_SEARCH}, different from the path's
 * split and from {@code refit}'s), and scored by the mean over the splits of the best validation loss. The test set is
 * never seen. All sets are refitted from one descriptor computation of the candidates; every set is evaluated with the
 * same splits and initial-weight seeds, so two sets differ by their functions only.
 *
 * <p>Swaps stay within an element (the count per element is kept). Members are visited weakest first (by their
 * survival on the path), the first better swap is taken (first improvement; taking the best of a member's
 * alternatives instead gave worse sets at 9 and 6 functions on the seeds' Al setting within the same budget), and a
 * set is never evaluated twice.
 * Deterministic for a given seed and thread count; with several threads the splits of one set train side by side.
 */
public final class SetSearch {
    /**
     * The search's settings.
     *
     * @param refits       sets evaluated per count at most (the start set included); 0 = no search
     * @param epochs       epochs of every refit
     * @param splits       random splits every set is refitted on
     * @param alternatives per member, how many of the most correlated and how many of the longest-surviving
     *                     non-members are tried
     * @param optimizer    the refits' optimizer
     */
    public record Settings(int refits, int epochs, int splits, int alternatives, String optimizer) {
        static Settings of(SettingValues v) {
            return new Settings(v.get(PathSettings.SEARCH_REFITS), v.get(PathSettings.SEARCH_EPOCHS),
                v.get(PathSettings.SEARCH_SPLITS), v.get(PathSettings.SEARCH_ALTERNATIVES),
                v.get(PathSettings.SEARCH_OPTIMIZER));
        }

        public boolean enabled() {
            return refits > 0;
        }
    }

    /**
     * One evaluated set.
     *
     * @param move     what was tried: {@code start} or {@code EL: out -> in}
     * @param score    mean best validation loss over the splits (the fits' loss units)
     * @param valRmse  mean validation energy RMSE at the best epochs, meV/atom
     * @param accepted whether the search moved to this set
     */
    public record Evaluation(int count, int number, String move, String set, double score, double valRmse,
                             double trainRmse, boolean accepted, double seconds) {}

    /**
     * The search at one count.
     *
     * @param best     per element, indices into the candidates of the chosen set
     * @param model    the chosen set's refit on the first split (best validation state)
     * @param accepted how many swaps were kept
     */
    public record Result(int count, int[][] start, Evaluation startEval, int[][] best, Evaluation bestEval,
                         List<Evaluation> evaluations, int accepted, double seconds, HdnnpModel model) {}

    private final List<Structure> all;
    private final SymmetryFunctionSet cand;
    private final TrainConfig judge;
    private final Settings s;
    private final PrintStream log;
    private TrainingData raw;
    private int[][][] splits;
    /** Per element, |Pearson r| between the candidates on the first split's training atoms, row-major. */
    private double[][] corr;
    private final Map<String, Evaluation> seen = new HashMap<>();
    /** Per split and element, the candidates that are constant on the split's training structures. */
    private int[][][] constant;

    /**
     * @param all       the path's structures
     * @param cand      the candidates (indices refer to them)
     * @param pathTrain the path's training settings: the refits take the network, loss, data and Kalman settings from
     *                  them, with the search's optimizer and epochs and min-max scaling
     */
    public SetSearch(List<Structure> all, SymmetryFunctionSet cand, TrainConfig pathTrain, Settings s,
                     PrintStream log) {
        this.all = List.copyOf(all);
        this.cand = cand;
        this.s = s;
        this.log = log;
        TrainConfig j = pathTrain.with(TrainSettings.OPTIMIZER_NAME, s.optimizer())
            .with(TrainSettings.SCALING, "minmax").with(TrainSettings.EPOCHS, s.epochs())
            .with(TrainSettings.PATIENCE, 0);
        SettingException.require(s.splits() >= 1, "search-splits", "must be >= 1, got " + s.splits());
        this.judge = j;
    }

    /** The refits' settings (seed: the path's). */
    public TrainConfig judge() {
        return judge;
    }

    private void prepare() {
        if (raw != null) {
            return;
        }
        raw = DataPreparation.computeDescriptors(all, cand, null, judge);
        splits = new int[s.splits()][][];
        for (int k = 0; k < splits.length; k++) {
            splits[k] = DataPreparation.split(all, null, judge.data().split(), splitSeed(k));
        }
        constant = new int[splits.length][cand.elements().size()][];
        for (int k = 0; k < splits.length; k++) {
            for (int e = 0; e < constant[k].length; e++) {
                constant[k][e] = DataPreparation.constantFeatures(raw, e, splits[k][0], judge);
            }
        }
        corr = new double[cand.elements().size()][];
        for (int e = 0; e < corr.length; e++) {
            double[] r = Correlation.pearson(raw.featureRows(splits[0][0], e, 20_000), raw.numFeatures(e));
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.abs(r[i]);
            }
            corr[e] = r;
        }
    }

    private long splitSeed(int k) {
        return Seeds.mix(judge.seed(), Seeds.SET_SEARCH + k);
    }

    /**
     * Searches at the count of {@code start} (per element, candidate indices).
     *
     * @param start  the path's set at the count
     * @param larger a set of a larger count chosen before (the search's result there), or null: when removing its
     *               members one at a time down to the count takes at most 3/4 of the budget, the best subset of it
     *               with the count makes a second start (every subset, when there are no more of them than the
     *               elimination would refit; else greedy backward elimination, each step refitting every removal and
     *               keeping the best), and the swaps begin from the better of the two
     * @param rank   per element and candidate, how long it survived on the path (larger: later removed)
     */
    public Result search(int[][] start, int[][] larger, double[][] rank) {
        long t0 = System.nanoTime();
        prepare();
        int count = PathState.total(start);
        List<Evaluation> evs = new ArrayList<>();
        int[][] cur = sorted(start);
        Evaluation curEval = record(evs, "path set", cur, true);
        Evaluation startEval = curEval;
        log.printf(Locale.ROOT, "search at %d: the path's set %s, validation %.4f meV/atom%n", count, names(cur),
            curEval.valRmse());
        Start second = larger == null ? null : fromLarger(evs, sorted(larger), count, rank);
        if (second != null && second.eval().score() < curEval.score()) {
            cur = second.set();
            curEval = second.eval();
            startEval = second.eval();
        }
        int accepted = 0;
        boolean improved = true;
        while (improved && evs.size() < s.refits()) {
            improved = false;
            for (int[] m : membersWeakestFirst(cur, rank)) {
                int e = m[0];
                if (Arrays.binarySearch(cur[e], m[1]) < 0) {
                    continue; // swapped out earlier in this pass
                }
                for (int c : alternatives(cur, e, m[1], rank)) {
                    if (evs.size() >= s.refits()) {
                        break;
                    }
                    int[][] next = swap(cur, e, m[1], c);
                    if (seen.containsKey(key(next))) {
                        continue;
                    }
                    String move = cand.elements().get(e) + ": " + name(e, m[1]) + " -> " + name(e, c);
                    Evaluation ev = record(evs, move, next, false);
                    if (ev.score() < curEval.score()) {
                        markKept(evs, ev);
                        log.printf(Locale.ROOT, "search at %d, refit %d: %s: validation %.4f meV/atom (kept)%n", count,
                            ev.number(), move, ev.valRmse());
                        cur = next;
                        curEval = evs.get(ev.number() - 1);
                        accepted++;
                        improved = true;
                        break; // first improvement
                    }
                }
                if (evs.size() >= s.refits()) {
                    break;
                }
            }
        }
        double secs = (System.nanoTime() - t0) * 1e-9;
        log.printf(Locale.ROOT, "search at %d: %s, validation %.4f meV/atom (path's set %.4f), %d refits, %d swaps "
                + "kept, %.1f s%n", count, names(cur), curEval.valRmse(), evs.get(0).valRmse(), evs.size(), accepted,
            secs);
        return new Result(count, start, startEval, cur, curEval, List.copyOf(evs), accepted, secs,
            models.get(key(cur)));
    }

    /** A start set and its evaluation. */
    private record Start(int[][] set, Evaluation eval) {}

    /**
     * The best subset with {@code count} functions of the set {@code larger} chosen at a larger count (all subsets, or
     * greedy backward elimination when they are more than the elimination's refits), or null when the elimination
     * would take more than 3/4 of the budget.
     */
    private Start fromLarger(List<Evaluation> evs, int[][] larger, int count, double[][] rank) {
        int elimination = eliminationRefits(PathState.total(larger), count, larger.length);
        if (4 * elimination > 3 * s.refits()) {
            return null;
        }
        List<int[][]> subsets = subsets(larger, count, elimination);
        int[][] el;
        Evaluation elEval = null;
        String how;
        if (subsets != null) {
            el = null;
            for (int[][] sub : subsets) {
                Evaluation ev = record(evs, "subset of the " + PathState.total(larger) + "-set", sub, false);
                if (elEval == null || ev.score() < elEval.score()) {
                    elEval = ev;
                    el = sub;
                }
            }
            markKept(evs, elEval);
            elEval = evs.get(elEval.number() - 1);
            how = "the best of its " + subsets.size() + " subsets";
        } else {
            el = larger;
            while (PathState.total(el) > count) {
                int[][] bestNext = null;
                Evaluation best = null;
                for (int[] m : membersWeakestFirst(el, rank)) {
                    if (el[m[0]].length == 1) {
                        continue; // every element keeps a function
                    }
                    int[][] next = without(el, m[0], m[1]);
                    Evaluation ev = record(evs, cand.elements().get(m[0]) + ": drop " + name(m[0], m[1]), next,
                        false);
                    if (best == null || ev.score() < best.score()) {
                        best = ev;
                        bestNext = next;
                    }
                }
                el = bestNext;
                markKept(evs, best);
                elEval = evs.get(best.number() - 1);
            }
            how = "backward elimination";
        }
        log.printf(Locale.ROOT, "search at %d: %s from the %d-set gives %s, validation %.4f meV/atom%n", count, how,
            PathState.total(larger), names(el), elEval.valRmse());
        return new Start(el, elEval);
    }

    /**
     * Every subset of {@code set} with {@code n} functions that keeps at least one per element (in lexicographic
     * order of the members), or null when there are more than {@code max}.
     */
    static List<int[][]> subsets(int[][] set, int n, int max) {
        List<int[]> members = new ArrayList<>();
        for (int e = 0; e < set.length; e++) {
            for (int i : set[e]) {
                members.add(new int[] {e, i});
            }
        }
        int m = members.size();
        double combos = 1;
        for (int k = 0; k < n; k++) {
            combos = combos * (m - k) / (k + 1);
        }
        if (combos > max || n > m) {
            return null;
        }
        List<int[][]> out = new ArrayList<>();
        int[] pick = new int[n];
        for (int k = 0; k < n; k++) {
            pick[k] = k;
        }
        while (true) {
            List<List<Integer>> per = new ArrayList<>();
            for (int e = 0; e < set.length; e++) {
                per.add(new ArrayList<>());
            }
            for (int k : pick) {
                per.get(members.get(k)[0]).add(members.get(k)[1]);
            }
            if (per.stream().noneMatch(List::isEmpty)) {
                int[][] sub = new int[set.length][];
                for (int e = 0; e < set.length; e++) {
                    sub[e] = per.get(e).stream().mapToInt(Integer::intValue).sorted().toArray();
                }
                out.add(sub);
            }
            int k = n - 1;
            while (k >= 0 && pick[k] == m - n + k) {
                k--;
            }
            if (k < 0) {
                return out;
            }
            pick[k]++;
            for (int j = k + 1; j < n; j++) {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }

    /** Refits of a greedy backward elimination from {@code from} to {@code to} functions. */
    static int eliminationRefits(int from, int to, int elements) {
        int n = 0;
        for (int k = from; k > to; k--) {
            n += k - (elements - 1); // at most: every member but the last one of the other elements
        }
        return n;
    }

    /** Evaluates {@code keep} as the next refit of this count and appends it. */
    private Evaluation record(List<Evaluation> evs, String move, int[][] keep, boolean kept) {
        Evaluation ev = evaluate(PathState.total(keep), evs.size() + 1, move, keep);
        ev = new Evaluation(ev.count(), evs.size() + 1, move, ev.set(), ev.score(), ev.valRmse(), ev.trainRmse(),
            kept, ev.seconds());
        evs.add(ev);
        return ev;
    }

    private static void markKept(List<Evaluation> evs, Evaluation e) {
        int i = e.number() - 1;
        Evaluation x = evs.get(i);
        evs.set(i, new Evaluation(x.count(), x.number(), x.move(), x.set(), x.score(), x.valRmse(), x.trainRmse(),
            true, x.seconds()));
    }

    private static int[][] without(int[][] cur, int e, int out) {
        int[][] n = new int[cur.length][];
        for (int k = 0; k < cur.length; k++) {
            n[k] = k == e ? Arrays.stream(cur[k]).filter(i -> i != out).toArray() : cur[k].clone();
        }
        return n;
    }

    /** Per evaluated set, the model of its first split's refit (best validation state). */
    private final Map<String, HdnnpModel> models = new HashMap<>();

    /** Refits {@code keep} on every split (or returns the earlier evaluation of the same set). */
    private Evaluation evaluate(int count, int number, String move, int[][] keep) {
        String k = key(keep);
        Evaluation old = seen.get(k);
        if (old != null) {
            return old;
        }
        long t0 = System.nanoTime();
        double[][] res = new double[splits.length][];
        HdnnpModel[] models = new HdnnpModel[splits.length];
        int threads = Math.min(judge.threads(), splits.length);
        if (threads <= 1) {
            for (int q = 0; q < splits.length; q++) {
                res[q] = fit(keep, q, judge, models);
            }
        } else {
            TrainConfig one = judge.with(TrainSettings.THREADS, 1);
            try (ChunkedExecutor ex = new ChunkedExecutor(threads, "sieve-search")) {
                ex.forEachTask(splits.length, q -> res[q] = fit(keep, q, one, models));
            }
        }
        double score = 0;
        double val = 0;
        double tr = 0;
        for (double[] r : res) {
            score += r[0] / res.length;
            val += r[1] / res.length;
            tr += r[2] / res.length;
        }
        this.models.put(k, models[0]);
        Evaluation ev = new Evaluation(count, number, move, names(keep), score, val, tr, false,
            (System.nanoTime() - t0) * 1e-9);
        seen.put(k, ev);
        return ev;
    }

    /** {best validation loss, validation RMSE and training RMSE at that epoch} of one split's refit. */
    private double[] fit(int[][] keep, int q, TrainConfig base, HdnnpModel[] models) {
        for (int e = 0; e < keep.length; e++) {
            for (int i : keep[e]) {
                if (Arrays.binarySearch(constant[q][e], i) >= 0) {
                    return new double[] {Double.POSITIVE_INFINITY, Double.NaN, Double.NaN}; // cannot be scaled
                }
            }
        }
        TrainConfig c = base.with(TrainSettings.SEED, splitSeed(q));
        DataPreparation.Prepared p = DataPreparation.prepareSubset(all, raw, keep, splits[q], c);
        Network[] nets = FitLoop.newNetworks(p.data(), c.network(), c.seed());
        try (FitLoop fit = new FitLoop(p.data(), p.trainIdx(), p.valIdx(), nets, c, TrainJob.fitSpec(c, p))) {
            fit.run(null);
            FitLoop.State st = fit.state();
            CurveRow best = st.curve.get(st.curve.size() - 1);
            for (CurveRow r : st.curve) {
                if (r.epoch() == st.bestEpoch) {
                    best = r;
                }
            }
            fit.restoreBest();
            if (q == 0) {
                models[0] = TrainJob.model(p, fit.networks());
            }
            return new double[] {st.bestLoss, best.valRmse(), best.trainRmse()};
        }
    }

    /** Members as {element, candidate}, the weakest (earliest removed on the path) first. */
    private static List<int[]> membersWeakestFirst(int[][] cur, double[][] rank) {
        List<int[]> m = new ArrayList<>();
        for (int e = 0; e < cur.length; e++) {
            for (int i : cur[e]) {
                m.add(new int[] {e, i});
            }
        }
        m.sort(Comparator.<int[]>comparingDouble(x -> rank[x[0]][x[1]]).thenComparingInt(x -> x[0])
            .thenComparingInt(x -> x[1]));
        return m;
    }

    /**
     * The non-members of element e to try in place of member m: the {@code alternatives} most correlated with m,
     * then the {@code alternatives} longest-surviving ones not listed yet.
     */
    private List<Integer> alternatives(int[][] cur, int e, int m, double[][] rank) {
        int d = cand.size(cand.elements().get(e));
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < d; c++) {
            if (Arrays.binarySearch(cur[e], c) < 0) {
                out.add(c);
            }
        }
        List<Integer> byCorr = new ArrayList<>(out);
        byCorr.sort(Comparator.<Integer>comparingDouble(c -> -corr[e][m * d + c]).thenComparingInt(c -> c));
        List<Integer> byRank = new ArrayList<>(out);
        byRank.sort(Comparator.<Integer>comparingDouble(c -> -rank[e][c]).thenComparingInt(c -> c));
        List<Integer> r = new ArrayList<>();
        for (int k = 0; k < Math.min(s.alternatives(), byCorr.size()); k++) {
            r.add(byCorr.get(k));
        }
        int added = 0;
        for (int c : byRank) {
            if (added >= s.alternatives()) {
                break;
            }
            if (!r.contains(c)) {
                r.add(c);
                added++;
            }
        }
        return r;
    }

    private static int[][] swap(int[][] cur, int e, int out, int in) {
        int[][] n = new int[cur.length][];
        for (int k = 0; k < cur.length; k++) {
            n[k] = cur[k].clone();
        }
        for (int i = 0; i < n[e].length; i++) {
            if (n[e][i] == out) {
                n[e][i] = in;
            }
        }
        Arrays.sort(n[e]);
        return n;
    }

    private static int[][] sorted(int[][] a) {
        int[][] r = new int[a.length][];
        for (int e = 0; e < a.length; e++) {
            r[e] = a[e].clone();
            Arrays.sort(r[e]);
        }
        return r;
    }

    private static String key(int[][] keep) {
        return Arrays.deepToString(keep);
    }

    private String name(int e, int i) {
        return cand.forElement(cand.elements().get(e)).get(i).name();
    }

    /** The set as element: candidate numbers (1-based, as sieve features show) - names are long. */
    String names(int[][] keep) {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < keep.length; e++) {
            if (e > 0) {
                sb.append("; ");
            }
            sb.append(cand.elements().get(e)).append(" {");
            for (int i = 0; i < keep[e].length; i++) {
                sb.append(i == 0 ? "" : ",").append(keep[e][i] + 1);
            }
            sb.append('}');
        }
        return sb.toString();
    }

    /** The set of candidates {@code keep} as a set file's content. */
    SymmetryFunctionSet set(String name, int[][] keep) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < keep.length; e++) {
            m.put(cand.elements().get(e), keep[e]);
        }
        return cand.select(name, m);
    }

    /**
     * How long every candidate survived on the path: the index of the last path point whose set holds it, plus a
     * tie-break in [0, 0.5) from its dense-fit column norm (larger: stronger). Candidates of the dense fit only get 0
     * plus the tie-break.
     *
     * @param sets per path point (in order), per element the candidate indices of its set
     */
    static double[][] survival(List<int[][]> sets, double[][] denseNorms) {
        int ne = denseNorms.length;
        double[][] r = new double[ne][];
        for (int e = 0; e < ne; e++) {
            r[e] = new double[denseNorms[e].length];
            double max = 0;
            for (double v : denseNorms[e]) {
                max = Math.max(max, v);
            }
            for (int i = 0; i < r[e].length; i++) {
                r[e][i] = max > 0 ? 0.5 * denseNorms[e][i] / max * (1 - 1e-9) : 0;
            }
        }
        for (int k = 0; k < sets.size(); k++) {
            int[][] set = sets.get(k);
            for (int e = 0; e < ne; e++) {
                for (int i : set[e]) {
                    r[e][i] = k + (r[e][i] - Math.floor(r[e][i]));
                }
            }
        }
        return r;
    }

    /**
     * The {@code n} candidates that survived longest (every element gets at least its best one), per element sorted:
     * the start set at a count that the path did not pass through.
     */
    static int[][] topByRank(double[][] rank, int n) {
        List<int[]> all = new ArrayList<>();
        for (int e = 0; e < rank.length; e++) {
            for (int i = 0; i < rank[e].length; i++) {
                all.add(new int[] {e, i});
            }
        }
        all.sort(Comparator.<int[]>comparingDouble(x -> -rank[x[0]][x[1]]).thenComparingInt(x -> x[0])
            .thenComparingInt(x -> x[1]));
        List<List<Integer>> pick = new ArrayList<>();
        for (int e = 0; e < rank.length; e++) {
            pick.add(new ArrayList<>());
        }
        int taken = 0;
        for (int[] x : all) {
            if (pick.get(x[0]).isEmpty()) {
                pick.get(x[0]).add(x[1]);
                taken++;
            }
        }
        for (int[] x : all) {
            if (taken >= n) {
                break;
            }
            if (!pick.get(x[0]).contains(x[1])) {
                pick.get(x[0]).add(x[1]);
                taken++;
            }
        }
        int[][] r = new int[rank.length][];
        for (int e = 0; e < r.length; e++) {
            r[e] = pick.get(e).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return r;
    }

    /** Per element, the candidate indices of {@code set}'s functions (an error if one is not a candidate). */
    static int[][] indices(SymmetryFunctionSet cand, SymmetryFunctionSet set) {
        int[][] r = new int[cand.elements().size()][];
        for (int e = 0; e < r.length; e++) {
            String el = cand.elements().get(e);
            List<SymmetryFunction> cs = cand.forElement(el);
            List<SymmetryFunction> fs = set.elements().contains(el) ? set.forElement(el) : List.of();
            r[e] = new int[fs.size()];
            for (int i = 0; i < fs.size(); i++) {
                int k = cs.indexOf(fs.get(i));
                if (k < 0) {
                    throw new IllegalArgumentException(el + ": " + fs.get(i).name() + " is not a candidate");
                }
                r[e][i] = k;
            }
            Arrays.sort(r[e]);
        }
        return r;
    }
}
