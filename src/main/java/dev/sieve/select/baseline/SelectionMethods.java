package dev.sieve.select.baseline;

import dev.sieve.core.SettingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of feature-selection methods of {@code sieve select --method}: the two regularization paths
 * ({@link #AGL}, the default, and {@link #GL}, both run by {@link dev.sieve.select.SelectionPath}) and the baselines, one line each,
 * run by {@link dev.sieve.select.BaselinePath}.
 */
public final class SelectionMethods {
    private SelectionMethods() {}

    /** The adaptive-group-lasso path (the default). */
    public static final String AGL = "agl";
    /** The plain group-lasso path: the same path with all adaptive weights 1 ({@link dev.sieve.select.PathConfig#gamma()} = 0). */
    public static final String GL = "gl";

    private static final Map<String, Supplier<SelectionMethod>> BASELINES = new LinkedHashMap<>();

    static {
        BASELINES.put(EveryK.NAME, EveryK::new);
        BASELINES.put(RandomSubsets.NAME, RandomSubsets::new);
        BASELINES.put(CurSelection.NAME, CurSelection::new);
        BASELINES.put(FarthestPointSampling.NAME, FarthestPointSampling::new);
        BASELINES.put(RangePruning.NAME, RangePruning::new);
        BASELINES.put(Sensitivity.NAME, Sensitivity::new);
        BASELINES.put(WeightNorms.NAME, WeightNorms::new);
        BASELINES.put(DropOne.NAME, DropOne::new);
    }

    /** Every method name, the paths first. */
    public static List<String> names() {
        List<String> l = new ArrayList<>(List.of(AGL, GL));
        l.addAll(BASELINES.keySet());
        return Collections.unmodifiableList(l);
    }

    /** The canonical (lower-case) name of {@code name}; a SettingException of {@code method} if it is unknown. */
    public static String require(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!names().contains(n)) {
            throw new SettingException("method", "'" + name + "' is unknown; expected one of "
                + String.join(", ", names()));
        }
        return n;
    }

    /** Whether {@code name} is a regularization path (agl, gl) rather than a baseline. */
    public static boolean isPath(String name) {
        return AGL.equals(name) || GL.equals(name);
    }

    /** A new baseline method. */
    public static SelectionMethod create(String name) {
        Supplier<SelectionMethod> f = BASELINES.get(require(name));
        if (f == null) {
            throw new IllegalArgumentException(name + " is a regularization path, not a baseline method");
        }
        return f.get();
    }
}
