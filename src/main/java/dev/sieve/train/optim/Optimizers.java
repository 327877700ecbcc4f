package dev.sieve.train.optim;

import dev.sieve.core.SettingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The registry of optimizers by name: one line per optimizer. */
public final class Optimizers {
    private Optimizers() {}

    /** Builds an optimizer for per-element parameter arrays of the given sizes. */
    @FunctionalInterface
    public interface Factory {
        Optimizer create(OptimizerSettings settings, int[] sizes);
    }

    private static final Map<String, Factory> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(Adam.NAME, Adam::new);
        REGISTRY.put(Sgd.NAME, Sgd::new);
        REGISTRY.put(RmsProp.NAME, RmsProp::new);
        REGISTRY.put(KalmanFilter.NAME, KalmanFilter::new);
        REGISTRY.put(LevenbergMarquardt.NAME, LevenbergMarquardt::new);
    }

    /** The registered names, in registration order. */
    public static Set<String> names() {
        return REGISTRY.keySet();
    }

    /** Whether {@code name} is registered. */
    public static boolean has(String name) {
        return REGISTRY.containsKey(name);
    }

    /** A new optimizer of kind {@code settings.name()}. */
    public static Optimizer create(OptimizerSettings settings, int[] sizes) {
        Factory f = REGISTRY.get(settings.name());
        if (f == null) {
            throw new SettingException("optimizer", "'" + settings.name() + "' is unknown; expected one of " + names());
        }
        return f.create(settings, sizes);
    }
}
