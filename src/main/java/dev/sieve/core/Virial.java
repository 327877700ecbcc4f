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
}
