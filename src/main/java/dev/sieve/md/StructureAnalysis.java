package dev.sieve.md;

import dev.sieve.neighbor.NeighborList;

/**
 * Accumulators for liquid-structure analysis: the radial distribution function g(r), the
 * bond-angle distribution, and the mean squared displacement with the diffusion coefficient.
 */
final class StructureAnalysis {
    private StructureAnalysis() {}

    /** g(r) on [0, rmax) with uniform bins, normalised by the ideal-gas pair density. */
    public static final class Rdf {
        private final double rmax;
        private final double[] counts;
        private long frames;
        private double atomsTimesDensity; // Σ over frames of N * (N / V)

        public Rdf(double rmax, int bins) {
            this.rmax = rmax;
            this.counts = new double[bins];
        }

        public double rmax() {
            return rmax;
        }

        /** Adds one frame from a full neighbour list reaching at least rmax (entries beyond are ignored). */
        public void add(NeighborList nl, double volume) {
            int n = nl.atoms();
            double[] r = nl.rArray();
            double w = counts.length / rmax;
            for (int e = 0, end = nl.size(); e < end; e++) {
                double rr = r[e];
                if (rr < rmax) {
                    counts[(int) (rr * w)]++;
                }
            }
            frames++;
            atomsTimesDensity += (double) n * n / volume;
        }

        public int bins() {
            return counts.length;
        }

        public double center(int b) {
            return (b + 0.5) * rmax / counts.length;
        }

        /** g of bin b. */
        public double g(int b) {
            double dr = rmax / counts.length;
            double r0 = b * dr;
            double r1 = r0 + dr;
            double shell = 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
            return atomsTimesDensity == 0 ? 0 : counts[b] / (atomsTimesDensity * shell);
        }

        public long frames() {
            return frames;
        }
    }

    /** Distribution of angles j-i-k (degrees) for neighbour pairs within rcut, normalised to unit area. */
    public static final class AngleDistribution {
        private final double rcut;
        private final double[] counts;
        private double total;

        public AngleDistribution(double rcut, int bins) {
            this.rcut = rcut;
            this.counts = new double[bins];
        }

        public void add(NeighborList nl) {
            double[] dx = nl.dxArray(), dy = nl.dyArray(), dz = nl.dzArray(), r = nl.rArray();
            int bins = counts.length;
            for (int i = 0; i < nl.atoms(); i++) {
                int s = nl.start(i), e = nl.end(i);
                for (int a = s; a < e; a++) {
                    if (r[a] >= rcut) {
                        continue;
                    }
                    for (int b = a + 1; b < e; b++) {
                        if (r[b] >= rcut) {
                            continue;
                        }
                        double c = (dx[a] * dx[b] + dy[a] * dy[b] + dz[a] * dz[b]) / (r[a] * r[b]);
                        double th = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
                        counts[Math.min(bins - 1, (int) (th / 180.0 * bins))]++;
                        total++;
                    }
                }
            }
        }

        public int bins() {
            return counts.length;
        }

        public double center(int b) {
            return (b + 0.5) * 180.0 / counts.length;
        }

        /** Probability density per degree. */
        public double p(int b) {
            return total == 0 ? 0 : counts[b] / (total * 180.0 / counts.length);
        }
    }

    /** Mean squared displacement from a reference configuration (positions must be unwrapped). */
    public static final class Msd {
        private final double[] ref;

        public Msd(double[] positions) {
            this.ref = positions.clone();
        }

        public double msd(double[] positions) {
            double s = 0;
            for (int q = 0; q < ref.length; q++) {
                double d = positions[q] - ref[q];
                s += d * d;
            }
            return s / (ref.length / 3);
        }

        /** Diffusion coefficient (Å²/fs) from a least-squares line through MSD(t) = 6 D t + b. */
        public static double diffusion(double[] t, double[] msd) {
            int n = t.length;
            double st = 0, sm = 0, stt = 0, stm = 0;
            for (int k = 0; k < n; k++) {
                st += t[k];
                sm += msd[k];
                stt += t[k] * t[k];
                stm += t[k] * msd[k];
            }
            double slope = (n * stm - st * sm) / (n * stt - st * st);
            return slope / 6.0;
        }
    }
}
