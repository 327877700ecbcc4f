package dev.sieve.core;

/** The virial accumulator shared by the force kernels: six components xx, yy, zz, xy, xz, yz. */
public final class Virial {
    private Virial() {}

    /** virial -= r ⊗ g (xx, yy, zz, xy, xz, yz) for the vector r and the gradient g = dE/dr of its far end. */
    public static void subtractOuter(double[] virial, double rx, double ry, double rz, double gx, double gy,
                                     double gz) {
        virial[0] -= rx * gx;
        virial[1] -= ry * gy;
        virial[2] -= rz * gz;
        virial[3] -= rx * gy;
        virial[4] -= rx * gz;
        virial[5] -= ry * gz;
    }

    /**
     * A virial summed over many pairs before it is added once: create one per kernel call (it does not escape, so
     * the compiler keeps the six sums in registers; summing straight into an array would chain every pair's store
     * to the next pair's load). The same operations as {@link #subtractOuter}, in the same order per component.
     */
    public static final class Sum {
        private double xx;
        private double yy;
        private double zz;
        private double xy;
        private double xz;
        private double yz;

        /** this -= r ⊗ g. */
        public void subtractOuter(double rx, double ry, double rz, double gx, double gy, double gz) {
            xx -= rx * gx;
            yy -= ry * gy;
            zz -= rz * gz;
            xy -= rx * gy;
            xz -= rx * gz;
            yz -= ry * gz;
        }

        /** virial += this (nothing if virial is null). */
        public void addTo(double[] virial) {
            if (virial != null) {
                virial[0] += xx;
                virial[1] += yy;
                virial[2] += zz;
                virial[3] += xy;
                virial[4] += xz;
                virial[5] += yz;
            }
        }
    }
}
