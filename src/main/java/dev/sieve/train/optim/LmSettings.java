package dev.sieve.train.optim;

import dev.sieve.core.SettingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the Levenberg-Marquardt optimizer ({@link LevenbergMarquardt}).
 *
 * @param forceFraction force residuals per iteration, as a fraction of all force components of the force atoms
 *                      (drawn anew each iteration)
 * @param mu0           initial damping (relative to the diagonal of J^T J)
 * @param trials        damping increases tried per iteration before the iteration gives up
 */
public record LmSettings(double forceFraction, double mu0, int trials) {
    public LmSettings {
        SettingException.require(forceFraction >= 0 && forceFraction <= 1, "lm-force-fraction",
            "must be in [0, 1], got " + forceFraction);
        SettingException.require(mu0 > 0 && Double.isFinite(mu0), "lm-mu", "must be > 0, got " + mu0);
        SettingException.require(trials >= 1, "lm-trials", "must be >= 1, got " + trials);
    }


    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lm-force-fraction", forceFraction);
        m.put("lm-mu", mu0);
        m.put("lm-trials", trials);
        return m;
    }


}
