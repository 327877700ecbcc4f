package dev.sieve.descriptor;

import dev.sieve.descriptor.DescriptorCalculator.Workspace;

/** The sums the radial and angular kernels share, each in a fixed order whatever the hardware. */
final class KernelSums {
    private static final dev.sieve.math.BulkDot DOT = dev.sieve.math.BulkDot.get();

    private KernelSums() {}

    /** sum_p x[p] y[p] for p < n in a fixed order ({@link dev.sieve.math.BulkDot}), whatever the hardware. */
    static double dot(double[] x, double[] y, int n) {
        return DOT.dot(x, y, n);
    }

    /**
     * Adds dE_i/dr of derivative slots {@code slots[t]}, (ws.gsx, ws.gsy, ws.gsz)[t] for t < count, as forces: minus
     * it on the slot's atom (unless that is an image of i itself and {@code skipSelf}), plus it on i (through ws.fi),
     * and its virial term. i's share and the virial are summed in registers and added once (a sum through memory
     * would chain every slot's store to the next one's load).
     */
    static void addSlotForces(int i, int[] slots, int count, int[] idx, double[] forces, double[] virial,
                              boolean skipSelf, Workspace ws) {
        double[] gsx = ws.gsx, gsy = ws.gsy, gsz = ws.gsz;
        double[] x = ws.x, y = ws.y, z = ws.z;
        int[] entry = ws.entry;
        double fx = 0, fy = 0, fz = 0;
        dev.sieve.core.Virial.Sum vs = new dev.sieve.core.Virial.Sum();
        for (int t = 0; t < count; t++) {
            int s = slots[t];
            double gx = gsx[t], gy = gsy[t], gz = gsz[t];
            int j = idx[entry[s]];
            if (!(skipSelf && j == i)) {
                forces[3 * j] -= gx;
                forces[3 * j + 1] -= gy;
                forces[3 * j + 2] -= gz;
            }
            fx += gx;
            fy += gy;
            fz += gz;
            vs.subtractOuter(x[s], y[s], z[s], gx, gy, gz);
        }
        double[] acc = ws.fi;
        acc[0] += fx;
        acc[1] += fy;
        acc[2] += fz;
        vs.addTo(virial);
    }
}
