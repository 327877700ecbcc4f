package dev.sieve.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.sieve.core.SettingException;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LevenbergMarquardtTest {
    /** A model linear in its weights, y_i = x_i . w: one damped step solves the damped normal equations. */
    @Test
    void aStepOnALinearModelIsTheNormalEquationsSolution() {
        int n = 4;
        int m = 150; // more than two row blocks
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[m][n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x[i][j] = r.nextDouble(-1, 1);
            }
            y[i] = 0.3 * x[i][0] - 1.2 * x[i][1] + 0.7 * x[i][3] + 0.01 * r.nextDouble(-1, 1);
        }
        double[][] params = {{0.1, 0.2}, {-0.3, 0.05}};
        double[] w0 = {0.1, 0.2, -0.3, 0.05};
        LevenbergMarquardt.Problem pb = new LevenbergMarquardt.Problem() {
            @Override
            public int rows() {
                return m;
            }

            @Override
            public double residual(int i, double[] h) {
                double[] w = {params[0][0], params[0][1], params[1][0], params[1][1]};
                double pred = 0;
                for (int j = 0; j < n; j++) {
                    pred += x[i][j] * w[j];
                    if (h != null) {
                        h[j] = x[i][j];
                    }
                }
                return y[i] - pred;
            }
        };
        double mu = 1e-3;
        LevenbergMarquardt lm = new LevenbergMarquardt(TrainConfig.defaults().with(TrainSettings.LM_MU, mu)
            .with(TrainSettings.LM_TRIALS, 4).optimizer(), new int[] {2, 2});
        lm.iterate(pb, w0.clone(), params);
        // dense normal equations: (A + mu (diag A + d0)) delta = X^T (y - X w0)
        double[][] a = new double[n][n + 1];
        double tr = 0;
        for (int i = 0; i < m; i++) {
            double res = y[i];
            for (int j = 0; j < n; j++) {
                res -= x[i][j] * w0[j];
            }
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[j][k] += x[i][j] * x[i][k];
                }
                a[j][n] += x[i][j] * res;
            }
        }
        for (int j = 0; j < n; j++) {
            tr += a[j][j];
        }
        double d0 = 1e-9 * tr / n;
        for (int j = 0; j < n; j++) {
            a[j][j] += mu * (a[j][j] + d0);
        }
        double[] delta = gauss(a, n);
        double[] got = {params[0][0], params[0][1], params[1][0], params[1][1]};
        for (int j = 0; j < n; j++) {
            assertThat(got[j]).isCloseTo(w0[j] + delta[j], offset(1e-12));
        }
        // and a second step goes to the least-squares solution (to the damping's precision)
        lm.iterate(pb, got.clone(), params);
        assertThat(params[0][0]).isCloseTo(0.3, offset(5e-3));
        assertThat(params[0][1]).isCloseTo(-1.2, offset(5e-3));
        assertThat(params[1][0]).isCloseTo(0.0, offset(5e-3));
        assertThat(params[1][1]).isCloseTo(0.7, offset(5e-3));
        assertThat(lm.mu()).isLessThan(mu);
    }

    private static double[] gauss(double[][] a, int n) {
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] s = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = a[r][n];
            for (int k = r + 1; k < n; k++) {
                v -= a[r][k] * s[k];
            }
            s[r] = v / a[r][r];
        }
        return s;
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> new LmSettings(1.5, 0.01, 8)).isInstanceOf(SettingException.class)
            .hasMessage("lm-force-fraction must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new LmSettings(0.1, 0, 8)).isInstanceOf(SettingException.class)
            .hasMessage("lm-mu must be > 0, got 0.0");
    }
}
