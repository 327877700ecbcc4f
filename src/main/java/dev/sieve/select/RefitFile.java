package dev.sieve.select;

import dev.sieve.core.InputException;
import dev.sieve.core.JsonView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code refit.json}, the seeds' table that {@code sieve refit} writes ({@link Refit#write}), read back with every key
 * checked: a missing key or a value of another type is a one-line {@link InputException} naming the file and the key.
 *
 * @param splits the number of random splits
 * @param md     how the MD speed was measured, or null when it was not
 * @param rows   one row per chosen set
 */
public record RefitFile(int splits, String md, List<Row> rows) {
    /** The file name in a refit directory. */
    public static final String NAME = "refit.json";

    /**
     * One chosen set refitted on every split.
     *
     * @param choice           the choice as given ({@code count:6}, {@code knee}, {@code full}, ...)
     * @param point            the path point, or -1 for the full set
     * @param lambda           the point's lambda (NaN for the full set)
     * @param features         the set's size
     * @param angular          its angular functions
     * @param testMse          test total-energy MSE (eV²)
     * @param testRmse         test energy RMSE (meV/atom)
     * @param testMae          test energy MAE (meV/atom)
     * @param testForceMae     test force MAE (eV/Å), or null without reference forces
     * @param testForceRmse    test force RMSE (eV/Å), or null without reference forces
     * @param mdStepsPerSecond the measured MD speed, or null when none was measured
     * @param bestSplit        the split with the lowest test RMSE (1-based)
     * @param seconds          wall time of the row
     */
    public record Row(String choice, int point, double lambda, int features, int angular, Stats testMse,
                      Stats testRmse, Stats testMae, Stats testForceMae, Stats testForceRmse, Double mdStepsPerSecond,
                      int bestSplit, double seconds) {}

    /** Mean, sample standard deviation and the per-split values of one error. */
    public record Stats(double mean, double std, double[] values) {}

    /** Whether {@code dir} has a refit.json. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(NAME));
    }

    /**
     * Reads {@code dir/refit.json}.
     *
     * @throws InputException when it is missing (naming the directory), not JSON, or a key is missing or of another
     *                        type (naming the file and the key)
     */
    public static RefitFile read(Path dir) {
        if (!exists(dir)) {
            throw new InputException(dir + ": no " + NAME + " (is it a sieve refit output directory?)");
        }
        JsonView root = JsonView.read(dir.resolve(NAME));
        List<Row> rows = new ArrayList<>();
        for (JsonView r : root.objects("rows")) {
            rows.add(new Row(r.text("choice"), r.integer("point"), r.number("lambda"), r.integer("features"),
                r.integer("angular"), stats(r, "test_mse_ev2"), stats(r, "test_rmse_mev_atom"),
                stats(r, "test_mae_mev_atom"), optionalStats(r, "test_force_mae_ev_a"),
                optionalStats(r, "test_force_rmse_ev_a"), r.numberOrNull("md_steps_per_s"), r.integer("best_split"),
                r.number("seconds")));
        }
        return new RefitFile(root.integer("splits"), root.textOrNull("md"), List.copyOf(rows));
    }

    private static Stats stats(JsonView row, String key) {
        JsonView s = row.object(key);
        return new Stats(s.number("mean"), s.number("std"), s.numbers("values"));
    }

    private static Stats optionalStats(JsonView row, String key) {
        return row.optionalObject(key) == null ? null : stats(row, key);
    }
}
