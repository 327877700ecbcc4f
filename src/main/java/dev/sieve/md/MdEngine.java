package dev.sieve.md;

import dev.sieve.core.Units;
import dev.sieve.core.InputException;
import dev.sieve.md.potential.Potential;
import dev.sieve.md.potential.Potentials;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;

/**
 * Velocity-Verlet molecular dynamics in a fixed periodic (or open) cell: NVE, Langevin (BAOAB)
 * and Nosé–Hoover chains (Martyna–Tuckerman–Klein). Units: eV, Å, amu, fs. Verlet neighbour
 * lists with a skin are refreshed every step and rebuilt when an atom has moved more than half
 * the skin. Deterministic for a given seed and thread count.
 */
public final class MdEngine {
    private final Potential potential;
    private final MdConfig cfg;
    private final Structure start;
    private final Cell cell;
    private final double[] h;
    private final boolean[] pbc;
    private final int n;
    private final int[] types;
    private final double[] mass;
    private final double[] x;
    private final double[] v;
    private final double[] f;
    private final double[] xBuild;
    private final double[] virial = new double[6];
    private final NeighborListBuilder builder = new NeighborListBuilder();
    private final NeighborList nl = new NeighborList();
    private final Rng rng;
    private final double[] xi;    // Nosé–Hoover chain positions
    private final double[] vxi;   // and velocities (1/fs)
    private double pe;
    private long step;
    private long rebuilds;
    private long neighbourNanos;
    private long forceNanos;
    private long integrateNanos;

    public MdEngine(Potential potential, Structure s, MdConfig cfg) {
        this.potential = potential;
        this.cfg = cfg;
        this.start = s;
        this.cell = s.cell();
        this.h = cell == null ? null : cell.matrix();
        this.pbc = s.pbc();
        this.n = s.size();
        this.types = potential.types(s.elements());
        this.mass = new double[n];
        for (int i = 0; i < n; i++) {
            mass[i] = Potentials.mass(potential, s.elements()[i]);
        }
        this.x = s.positions().clone();
        this.v = new double[3 * n];
        this.f = new double[3 * n];
        this.xBuild = new double[3 * n];
        this.rng = new Rng(cfg.seed());
        this.xi = new double[cfg.chain()];
        this.vxi = new double[cfg.chain()];
        if (cell != null) {
            double rc = potential.cutoff() + cfg.skin();
            for (int k = 0; k < 3; k++) {
                if (pbc[k] && cell.perpendicularWidth(k) < 2 * rc / 3) {
                    // images are handled exactly, but a cell this thin is almost surely a mistake for MD
                    throw new InputException(s.origin() + ": cell width " + cell.perpendicularWidth(k)
                        + " Å along lattice direction " + k + " is smaller than 2/3 of cutoff + skin (" + rc + " Å)");
                }
            }
        }
        builder.withExecutor(potential.executor());
        rebuild();
        computeForces();
    }

    public int atoms() {
        return n;
    }

    /** The potential the forces come from. */
    public Potential potential() {
        return potential;
    }

    /** The simulation cell (null for an open system). */
    public Cell cell() {
        return cell;
    }

    /** Periodicity per lattice direction: the engine's own array, do not modify. */
    public boolean[] pbc() {
        return pbc;
    }

    public long stepCount() {
        return step;
    }

    public double time() {
        return step * cfg.dt();
    }

    public double[] positions() {
        return x;
    }

    public double[] velocities() {
        return v;
    }

    public double[] forces() {
        return f;
    }

    public double potentialEnergy() {
        return pe;
    }

    public long rebuilds() {
        return rebuilds;
    }

    /** Seconds spent in neighbour lists, force evaluation and integration so far. */
    public double[] timings() {
        return new double[] {neighbourNanos * 1e-9, forceNanos * 1e-9, integrateNanos * 1e-9};
    }

    public void resetTimings() {
        neighbourNanos = 0;
        forceNanos = 0;
        integrateNanos = 0;
    }

    /** Sets velocities (Å/fs). */
    public void setVelocities(double[] vel) {
        System.arraycopy(vel, 0, v, 0, 3 * n);
    }

    /** Maxwell–Boltzmann velocities at {@code temperature}, zero total momentum, rescaled to exactly T. */
    public void initVelocities(double temperature) {
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(Units.KB * temperature / mass[i] * Units.FORCE_TO_ACC);
            for (int k = 0; k < 3; k++) {
                v[3 * i + k] = sd * rng.nextGaussian();
            }
        }
        removeMomentum();
        double t = temperature();
        if (t > 0) {
            double s = Math.sqrt(temperature / t);
            for (int q = 0; q < 3 * n; q++) {
                v[q] *= s;
            }
        }
    }

    private void removeMomentum() {
        double px = 0, py = 0, pz = 0, mt = 0;
        for (int i = 0; i < n; i++) {
            px += mass[i] * v[3 * i];
            py += mass[i] * v[3 * i + 1];
            pz += mass[i] * v[3 * i + 2];
            mt += mass[i];
        }
        for (int i = 0; i < n; i++) {
            v[3 * i] -= px / mt;
            v[3 * i + 1] -= py / mt;
            v[3 * i + 2] -= pz / mt;
        }
    }

    public double kineticEnergy() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            s += mass[i] * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * s * Units.MVV_TO_EV;
    }

    /** Degrees of freedom: 3N − 3 (total momentum is conserved). */
    public int degreesOfFreedom() {
        return Math.max(1, 3 * n - 3);
    }

    public double temperature() {
        return 2 * kineticEnergy() / (degreesOfFreedom() * Units.KB);
    }

    /** Pressure in bar from the virial (periodic cells only; NaN otherwise). */
    public double pressure() {
        if (cell == null) {
            return Double.NaN;
        }
        double w = virial[0] + virial[1] + virial[2];
        return (2 * kineticEnergy() + w) / (3 * Math.abs(cell.volume())) * Units.EV_PER_A3_TO_BAR;
    }

    /** Total energy plus the thermostat's energy: conserved by NVE and Nosé–Hoover (not Langevin). */
    public double conservedEnergy() {
        double e = pe + kineticEnergy();
        if (cfg.ensemble() == MdConfig.Ensemble.NOSE_HOOVER) {
            double kt = Units.KB * cfg.temperature();
            for (int k = 0; k < xi.length; k++) {
                e += 0.5 * q(k) * vxi[k] * vxi[k] + (k == 0 ? degreesOfFreedom() : 1) * kt * xi[k];
            }
        }
        return e;
    }

    private double q(int k) {
        double kt = Units.KB * cfg.temperature();
        double tau = cfg.damping();
        return (k == 0 ? degreesOfFreedom() : 1) * kt * tau * tau;
    }

    /** Advances one time step. */
    public void step() {
        long t0 = System.nanoTime();
        double dt = cfg.dt();
        switch (cfg.ensemble()) {
            case NVE -> {
                kick(0.5 * dt);
                drift(dt);
            }
            case LANGEVIN -> {
                kick(0.5 * dt);
                drift(0.5 * dt);
                double c1 = Math.exp(-dt / cfg.damping());
                double c2 = Math.sqrt(1 - c1 * c1);
                double kt = Units.KB * cfg.temperature();
                for (int i = 0; i < n; i++) {
                    double sd = c2 * Math.sqrt(kt / mass[i] * Units.FORCE_TO_ACC);
                    for (int k = 0; k < 3; k++) {
                        v[3 * i + k] = c1 * v[3 * i + k] + sd * rng.nextGaussian();
                    }
                }
                drift(0.5 * dt);
            }
            case NOSE_HOOVER -> {
                chain(0.5 * dt);
                kick(0.5 * dt);
                drift(dt);
            }
            default -> throw new IllegalStateException();
        }
        integrateNanos += System.nanoTime() - t0;
        updateNeighbours();
        computeForces();
        long t1 = System.nanoTime();
        kick(0.5 * dt);
        if (cfg.ensemble() == MdConfig.Ensemble.NOSE_HOOVER) {
            chain(0.5 * dt);
        }
        step++;
        integrateNanos += System.nanoTime() - t1;
    }

    private void kick(double dt) {
        for (int i = 0; i < n; i++) {
            double a = dt * Units.FORCE_TO_ACC / mass[i];
            v[3 * i] += a * f[3 * i];
            v[3 * i + 1] += a * f[3 * i + 1];
            v[3 * i + 2] += a * f[3 * i + 2];
        }
    }

    private void drift(double dt) {
        for (int q = 0; q < 3 * n; q++) {
            x[q] += dt * v[q];
        }
    }

    /** Nosé–Hoover chain propagation over dt (half a step), Trotter-split (MTK). */
    private void chain(double dt) {
        int m = xi.length;
        double kt = Units.KB * cfg.temperature();
        double ke2 = 2 * kineticEnergy();
        double dt2 = 0.5 * dt;
        double dt4 = 0.25 * dt;
        double g;
        // backward sweep
        g = m > 1 ? (q(m - 2) * vxi[m - 2] * vxi[m - 2] - kt) / q(m - 1) : (ke2 - degreesOfFreedom() * kt) / q(0);
        vxi[m - 1] += g * dt2;
        for (int k = m - 2; k >= 0; k--) {
            double e = Math.exp(-vxi[k + 1] * dt4);
            vxi[k] *= e;
            g = k == 0 ? (ke2 - degreesOfFreedom() * kt) / q(0) : (q(k - 1) * vxi[k - 1] * vxi[k - 1] - kt) / q(k);
            vxi[k] += g * dt2;
            vxi[k] *= e;
        }
        double scale = Math.exp(-vxi[0] * dt);
        for (int q = 0; q < 3 * n; q++) {
            v[q] *= scale;
        }
        ke2 *= scale * scale;
        for (int k = 0; k < m; k++) {
            xi[k] += vxi[k] * dt;
        }
        // forward sweep
        for (int k = 0; k < m - 1; k++) {
            double e = Math.exp(-vxi[k + 1] * dt4);
            vxi[k] *= e;
            g = k == 0 ? (ke2 - degreesOfFreedom() * kt) / q(0) : (q(k - 1) * vxi[k - 1] * vxi[k - 1] - kt) / q(k);
            vxi[k] += g * dt2;
            vxi[k] *= e;
        }
        g = m > 1 ? (q(m - 2) * vxi[m - 2] * vxi[m - 2] - kt) / q(m - 1) : (ke2 - degreesOfFreedom() * kt) / q(0);
        vxi[m - 1] += g * dt2;
    }

    private void rebuild() {
        long t0 = System.nanoTime();
        builder.build(cell, pbc, x, n, potential.cutoff() + cfg.skin(), nl);
        System.arraycopy(x, 0, xBuild, 0, 3 * n);
        rebuilds++;
        neighbourNanos += System.nanoTime() - t0;
        checkDistances();
    }

    private void updateNeighbours() {
        long t0 = System.nanoTime();
        double lim = 0.25 * cfg.skin() * cfg.skin();
        boolean need = false;
        for (int i = 0; i < n && !need; i++) {
            double dx = x[3 * i] - xBuild[3 * i], dy = x[3 * i + 1] - xBuild[3 * i + 1], dz = x[3 * i + 2] - xBuild[3 * i + 2];
            need = dx * dx + dy * dy + dz * dz > lim;
        }
        if (need) {
            neighbourNanos += System.nanoTime() - t0;
            rebuild();
            return;
        }
        potential.refresh(nl, x, h);
        neighbourNanos += System.nanoTime() - t0;
    }

    private void checkDistances() {
        double[] r = nl.rArray();
        int[] idx = nl.indexArray();
        boolean half = potential.halfList(); // then only the half list's entries are current
        int[] hs = half ? nl.halfStarts() : null, he = half ? nl.halfEntries() : null;
        for (int i = 0; i < n; i++) {
            for (int k = half ? hs[i] : nl.start(i), end = half ? hs[i + 1] : nl.end(i); k < end; k++) {
                int e = half ? he[k] : k;
                if (r[e] < cfg.minDistance()) {
                    throw new InputException(start.origin() + ": at step " + step + " atoms " + i + " and " + idx[e]
                        + " are " + r[e] + " Å apart, closer than the minimum " + cfg.minDistance() + " Å");
                }
            }
        }
    }

    private void computeForces() {
        long t0 = System.nanoTime();
        pe = potential.compute(types, nl, f, virial);
        forceNanos += System.nanoTime() - t0;
        if (!Double.isFinite(pe)) {
            throw new InputException(start.origin() + ": potential energy is " + pe + " at step " + step);
        }
        for (int q = 0; q < 3 * n; q++) {
            if (!Double.isFinite(f[q])) {
                throw new InputException(start.origin() + ": force on atom " + q / 3 + " is " + f[q] + " at step " + step);
            }
        }
    }

    /** The current configuration as a structure (positions as integrated, not wrapped), energy and forces set. */
    public Structure snapshot() {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(start.tags());
        tags.put("step", Long.toString(step));
        tags.put("time_fs", Double.toString(time()));
        tags.put("temperature_K", Double.toString(temperature()));
        return new Structure(start.comment(), cell, pbc, start.elements(), x, pe, f.clone(), null, null, tags,
            start.source(), start.index());
    }

    /**
     * State for restart files: everything a continued run needs to repeat an uninterrupted one bit for bit. Besides
     * positions, velocities, the Nosé–Hoover chain and the random generator it holds the forces, energy and virial of
     * the current positions and the positions at the last neighbour-list build, so a restored engine rebuilds the
     * same Verlet list (same pairs, same summation order) and keeps the same rebuild schedule instead of recomputing
     * forces from a fresh list (which differs in the last bits). Files of older versions lack these (null): the
     * forces are then recomputed.
     *
     * @param dt time step of the run, fs (0 when unknown: an older file)
     */
    public record State(long step, double dt, double[] positions, double[] velocities, double[] xi, double[] vxi,
                        long[] rng, double[] forces, double potentialEnergy, double[] virial,
                        double[] positionsAtBuild) {}

    public State state() {
        return new State(step, cfg.dt(), x.clone(), v.clone(), xi.clone(), vxi.clone(), rng.state(), f.clone(), pe,
            virial.clone(), xBuild.clone());
    }

    /** The time step, fs. */
    public double dt() {
        return cfg.dt();
    }

    public void restore(State s) {
        if (s.positions() == null || s.velocities() == null || s.positions().length != 3 * n
            || s.velocities().length != 3 * n) {
            throw new InputException("restart has " + (s.positions() == null ? 0 : s.positions().length / 3)
                + " atoms, the structure " + n);
        }
        if (s.xi() == null || s.vxi() == null || s.xi().length != xi.length || s.vxi().length != vxi.length
            || s.rng() == null || s.rng().length != 5) {
            throw new InputException("restart has a thermostat chain of " + (s.xi() == null ? 0 : s.xi().length)
                + " and this run of " + xi.length + " (or no random-generator state)");
        }
        step = s.step();
        System.arraycopy(s.positions(), 0, x, 0, 3 * n);
        System.arraycopy(s.velocities(), 0, v, 0, 3 * n);
        System.arraycopy(s.xi(), 0, xi, 0, xi.length);
        System.arraycopy(s.vxi(), 0, vxi, 0, vxi.length);
        rng.restore(s.rng());
        boolean exact = s.forces() != null && s.forces().length == 3 * n && s.virial() != null
            && s.virial().length == 6 && s.positionsAtBuild() != null && s.positionsAtBuild().length == 3 * n;
        if (!exact) {
            rebuild();
            computeForces();
            return;
        }
        // the list of the uninterrupted run: built at the same positions, then refreshed as it would have been
        long t0 = System.nanoTime();
        System.arraycopy(s.positionsAtBuild(), 0, xBuild, 0, 3 * n);
        builder.build(cell, pbc, xBuild, n, potential.cutoff() + cfg.skin(), nl);
        rebuilds++;
        neighbourNanos += System.nanoTime() - t0;
        System.arraycopy(s.forces(), 0, f, 0, 3 * n);
        System.arraycopy(s.virial(), 0, virial, 0, 6);
        pe = s.potentialEnergy();
    }

}
