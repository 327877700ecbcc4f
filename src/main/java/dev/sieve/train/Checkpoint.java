package dev.sieve.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints in {@code OUT/checkpoint/}: {@code state.json} (configuration fingerprint, completed epochs, current
 * and best weights, optimiser moments and step count, early-stopping counters, learning curve, elapsed time) and the
 * current weights as an n2p2 model directory (usable as a potential). Doubles are written in Java's shortest
 * round-trip form, so a restored state is bit-identical. The random state is (seed, epoch): epoch t's batch order is
 * drawn from a generator seeded by the seed and t only. {@code state.json} is written last and atomically and is all
 * a resume reads, so a crash while writing leaves the previous checkpoint usable.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String DIR = "checkpoint";
    static final int FORMAT = 1;

    public static Path stateFile(Path out) {
        return out.resolve(DIR).resolve("state.json");
    }

    public static boolean exists(Path out) {
        return Files.isRegularFile(stateFile(out));
    }

    public static void write(Path out, Map<String, Object> fingerprint, Trainer tr, HdnnpModel current) {
        Path dir = out.resolve(DIR);
        N2p2Potential.write(current, dir);
        Trainer.State st = tr.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("fingerprint", fingerprint);
        m.put("epoch", st.epoch);
        m.put("rng", "epoch t shuffles with SplittableRandom(mix(seed, 1000000 + t)); seed "
            + tr.config().seed());
        m.put("params", paramsOf(tr));
        m.put("optimizer", tr.optimizer().kind().toString());
        m.put("optimizer_steps", tr.optimizer().steps());
        m.put("first_moments", tr.optimizer().firstMoments());
        m.put("second_moments", tr.optimizer().secondMoments());
        m.put("best_params", st.bestParams);
        m.put("best_loss", finite(st.bestLoss));
        m.put("best_epoch", st.bestEpoch);
        m.put("ref_loss", finite(st.refLoss));
        m.put("wait", st.wait);
        m.put("stopped", st.stopped);
        m.put("seconds", st.seconds);
        List<List<Object>> rows = new ArrayList<>();
        for (CurveRow r : st.curve) {
            rows.add(java.util.Arrays.asList(r.epoch(), finite(r.lr()), finite(r.trainLoss()), finite(r.valLoss()),
                finite(r.trainRmse()), finite(r.valRmse()), finite(r.trainForceRmse()), finite(r.valForceRmse()),
                finite(r.seconds())));
        }
        m.put("curve", rows);
        try {
            String json = new ObjectMapper().writeValueAsString(m);
            AtomicFile.writeString(stateFile(out), json + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double num(JsonNode n, double ifNull) {
        return n == null || n.isNull() ? ifNull : n.doubleValue();
    }

    private static double[][] paramsOf(Trainer tr) {
        double[][] p = new double[tr.networks().length][];
        for (int e = 0; e < p.length; e++) {
            p[e] = tr.networks()[e].params();
        }
        return p;
    }

    /** Restores {@code tr} from {@code out/checkpoint/state.json}; the fingerprint must match. */
    public static void restore(Path out, Map<String, Object> fingerprint, Trainer tr) {
        Path f = stateFile(out);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new InputException(f + ": cannot read checkpoint: " + e.getMessage());
        }
        if (root.path("format").asInt() != FORMAT) {
            throw new InputException(f + ": unknown checkpoint format " + root.path("format"));
        }
        Map<String, Object> saved = new ObjectMapper().convertValue(root.get("fingerprint"), Map.class);
        Map<String, Object> now = new ObjectMapper().convertValue(fingerprint, Map.class);
        for (String k : now.keySet()) {
            Object a = saved.get(k);
            Object b = now.get(k);
            if (a == null || !String.valueOf(a).equals(String.valueOf(b))) {
                throw new InputException("--resume: the checkpoint in " + out.resolve(DIR) + " was made with " + k
                    + " = " + a + ", this run has " + b + "; use the same options (or a new --out)");
            }
        }
        if (!tr.optimizer().kind().toString().equals(root.path("optimizer").asText())) {
            throw new InputException("--resume: checkpoint optimiser " + root.path("optimizer").asText() + " differs");
        }
        double[][] p = paramsOf(tr);
        read(root.get("params"), p, "params", f);
        Trainer.State st = tr.state();
        read(root.get("best_params"), st.bestParams, "best_params", f);
        double[][] m1 = tr.optimizer().firstMoments();
        double[][] m2 = tr.optimizer().secondMoments();
        double[][] a1 = new double[m1.length][];
        double[][] a2 = new double[m2.length][];
        for (int e = 0; e < m1.length; e++) {
            a1[e] = new double[m1[e].length];
            a2[e] = new double[m2[e].length];
        }
        read(root.get("first_moments"), a1, "first_moments", f);
        read(root.get("second_moments"), a2, "second_moments", f);
        tr.optimizer().restore(root.path("optimizer_steps").asLong(), a1, a2);
        st.epoch = root.path("epoch").asInt();
        st.bestLoss = num(root.get("best_loss"), Double.POSITIVE_INFINITY);
        st.bestEpoch = root.path("best_epoch").asInt();
        st.refLoss = num(root.get("ref_loss"), Double.POSITIVE_INFINITY);
        st.wait = root.path("wait").asInt();
        st.stopped = root.path("stopped").asBoolean();
        st.seconds = root.path("seconds").asDouble();
        st.curve.clear();
        for (JsonNode r : root.path("curve")) {
            st.curve.add(new CurveRow(r.get(0).asInt(), num(r.get(1), Double.NaN), num(r.get(2), Double.NaN),
                num(r.get(3), Double.NaN), num(r.get(4), Double.NaN), num(r.get(5), Double.NaN),
                num(r.get(6), Double.NaN), num(r.get(7), Double.NaN), num(r.get(8), Double.NaN)));
        }
    }

    private static void read(JsonNode n, double[][] into, String what, Path f) {
        if (n == null || !n.isArray() || n.size() != into.length) {
            throw new InputException(f + ": checkpoint " + what + " does not match the networks");
        }
        for (int e = 0; e < into.length; e++) {
            JsonNode a = n.get(e);
            if (a.size() != into[e].length) {
                throw new InputException(f + ": checkpoint " + what + " of element " + e + " has " + a.size()
                    + " numbers, the network " + into[e].length);
            }
            for (int k = 0; k < into[e].length; k++) {
                into[e][k] = a.get(k).doubleValue();
            }
        }
    }
}
