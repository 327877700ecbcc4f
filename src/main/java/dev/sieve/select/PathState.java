package dev.sieve.select;

import dev.sieve.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a selection path between points: what {@link PathCheckpoint} saves and restores, and what the fits of
 * a point ({@link PointFit}) change.
 */
final class PathState {
    /** The points made so far (index 0: the dense fit). */
    List<PathPoint> points = new ArrayList<>();
    /** Per element, the networks' current inputs as indices into the candidates. */
    int[][] cur;
    /** Per element, the networks (null for an element without inputs). */
    Network[] nets;
    double lambdaStart;
    /** Per element, the dense fit's group norms, indexed by candidate. */
    double[][] denseNorms;
    boolean finished;
    /** The dense fit is done (point 0 checkpointed) but lambda_start not yet found. */
    boolean onsetPending;
    /** Wall time of the points made so far. */
    double seconds;

    /** Zero groups stay in the networks (and may revive) instead of being removed. */
    private final boolean revivable;

    PathState(boolean revivable) {
        this.revivable = revivable;
    }

    /** The networks, features and finished flag at one moment, to undo a point that is made again. */
    record Saved(Network[] nets, int[][] cur, boolean finished) {}

    Saved save() {
        Network[] n = new Network[nets.length];
        int[][] c = new int[cur.length][];
        for (int e = 0; e < nets.length; e++) {
            n[e] = nets[e].copy();
            c[e] = cur[e].clone();
        }
        return new Saved(n, c, finished);
    }

    void undo(Saved s) {
        nets = s.nets();
        cur = s.cur();
        finished = s.finished();
    }

    /** Per element, the inputs whose first-layer column is not zero (indices into the current inputs). */
    int[][] survivors() {
        int[][] k = new int[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            k[e] = GroupLasso.survivors(nets[e]);
        }
        return k;
    }

    /** Drops the inputs not in {@code keep} (indices into the current inputs) from networks and the feature list. */
    void drop(int[][] keep) {
        for (int e = 0; e < nets.length; e++) {
            if (keep[e].length == cur[e].length) {
                continue;
            }
            int[] c = new int[keep[e].length];
            for (int i = 0; i < c.length; i++) {
                c[i] = cur[e][keep[e][i]];
            }
            cur[e] = c;
            if (keep[e].length > 0) {
                nets[e] = GroupLasso.keepInputs(nets[e], keep[e]);
            }
        }
    }

    /**
     * The candidates (indices into the candidate set) the current networks use: all current inputs, or with revivable
     * groups only those whose first-layer column is not zero.
     */
    int[][] liveFeatures() {
        if (!revivable) {
            return cur;
        }
        int[][] live = new int[cur.length][];
        for (int e = 0; e < cur.length; e++) {
            int[] k = cur[e].length == 0 ? new int[0] : GroupLasso.survivors(nets[e]);
            live[e] = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                live[e][i] = cur[e][k[i]];
            }
        }
        return live;
    }

    int liveCount() {
        return total(liveFeatures());
    }

    /** Some element has no live feature left. */
    boolean anyEmptyLive() {
        return anyEmpty(liveFeatures());
    }

    static boolean anyEmpty(int[][] k) {
        for (int[] a : k) {
            if (a.length == 0) {
                return true;
            }
        }
        return false;
    }

    static int total(int[][] k) {
        int t = 0;
        for (int[] a : k) {
            t += a.length;
        }
        return t;
    }
}
