package dev.sieve.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Json;
import dev.sieve.core.JsonChecksum;
import dev.sieve.core.JsonView;
import dev.sieve.core.SettingException;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.train.optim.OptimizerState;
import dev.sieve.train.optim.OptimizerStateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints in {@code OUT/checkpoint/}: {@code state.json} (configuration fingerprint, completed epochs, current
 * and best weights, early-stopping counters, learning curve, elapsed time), the optimizer's arrays whatever the
 * optimizer in binary ({@code optimizer-EPOCH.bin}, {@link OptimizerStateFile}; named in state.json with its CRC32)
 * and the current weights as an n2p2 model directory (usable as a potential). Doubles are written in Java's
 * shortest round-trip form (JSON) or as raw bits (binary), so a restored state is bit-identical. The random state is (seed, epoch): epoch t's batch
 * order is drawn from seed stream {@code EPOCH_ORDER + t} only. {@code state.json} is written last and atomically and
 * is all a resume reads, so a crash while writing leaves the previous checkpoint usable.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String DIR = "checkpoint";
    static final int FORMAT = 4;

    public static Path stateFile(Path out) {
        return out.resolve(DIR).resolve("state.json");
    }

    public static boolean exists(Path out) {
        return Files.isRegularFile(stateFile(out));
    }

    /** Writes a checkpoint of {@code fit}; {@code current} (the current weights as a model) may be null: not written. */
    public static void write(Path out, Map<String, Object> fingerprint, FitLoop fit, long seed, HdnnpModel current) {
        Path dir = out.resolve(DIR);
        if (current != null) {
            N2p2Potential.write(current, dir);
        }
        FitLoop.State st = fit.state();
        OptimizerState os = fit.optimizer().state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("fingerprint", fingerprint);
        m.put("epoch", st.epoch);
        m.put("rng", "epoch t shuffles with seed stream 1000000 + t of seed " + seed);
        m.put("params", paramsOf(fit));
        m.put("optimizer", os.optimizer());
        m.put("optimizer_steps", os.steps());
        String stateName = "optimizer-" + st.epoch + ".bin";
        m.put("optimizer_state_file", stateName);
        m.put("optimizer_state_crc32", OptimizerStateFile.write(dir.resolve(stateName), os.arrays()));
        m.put("best_params", st.bestParams);
        m.put("best_loss", finite(st.bestLoss));
        m.put("best_epoch", st.bestEpoch);
        m.put("ref_loss", finite(st.refLoss));
        m.put("wait", st.wait);
        m.put("stopped", st.stopped);
        m.put("lr_reductions", st.lrReductions);
        m.put("lr_ref", finite(st.lrRef));
        m.put("lr_wait", st.lrWait);
        m.put("seconds", st.seconds);
        List<List<Object>> rows = new ArrayList<>();
        for (CurveRow r : st.curve) {
            rows.add(Arrays.asList(r.epoch(), finite(r.lr()), finite(r.trainLoss()), finite(r.valLoss()),
                finite(r.trainRmse()), finite(r.valRmse()), finite(r.trainForceRmse()), finite(r.valForceRmse()),
                finite(r.seconds())));
        }
        m.put("curve", rows);
        try {
            String json = Json.JSON.writeValueAsString(JsonChecksum.seal(m));
            AtomicFile.writeString(stateFile(out), json + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        deleteStaleStates(dir, stateName);
    }

    /** Removes the optimizer-state files of earlier checkpoints (once the new state.json names the new one). */
    private static void deleteStaleStates(Path dir, String keep) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith("optimizer-") && n.endsWith(".bin") && !n.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double[][] paramsOf(FitLoop fit) {
        double[][] p = new double[fit.networks().length][];
        for (int e = 0; e < p.length; e++) {
            p[e] = fit.networks()[e].params();
        }
        return p;
    }

    /**
     * Restores {@code fit} from {@code out/checkpoint/state.json}; the fingerprint must match, and every field is
     * checked (type, range, sizes against the networks; the optimizer file's CRC): damage is one line naming the file
     * and the key.
     */
    public static void restore(Path out, Map<String, Object> fingerprint, FitLoop fit) {
        Path f = stateFile(out);
        JsonNode root;
        try {
            root = Json.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new InputException(f + ": cannot read checkpoint: " + dev.sieve.core.Messages.reason(e));
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
            throw new InputException(f + ": unknown checkpoint format " + (root == null ? "(empty)" : root.path("format"))
                + " (this Sieve writes format " + FORMAT + "); start a new run");
        }
        JsonChecksum.verify(root, "checkpoint " + f);
        JsonView j = JsonView.of(f, root);
        checkFingerprint(out, j.object("fingerprint").as(new TypeReference<Map<String, Object>>() {}), fingerprint);
        String name = j.text("optimizer");
        if (!fit.optimizer().name().equals(name)) {
            throw new InputException(f + ": checkpoint optimizer " + name + " differs from " + fit.optimizer().name());
        }
        double[][] params = paramsOf(fit);
        double[][] current = new double[params.length][];
        for (int e = 0; e < params.length; e++) {
            current[e] = new double[params[e].length];
        }
        j.numbers("params", current);
        FitLoop.State st = fit.state();
        double[][] best = new double[st.bestParams.length][];
        for (int e = 0; e < best.length; e++) {
            best[e] = new double[st.bestParams[e].length];
        }
        j.numbers("best_params", best);
        String stateName = j.text("optimizer_state_file");
        if (!stateName.matches("optimizer-[0-9]+\\.bin")) {
            throw j.invalid("optimizer_state_file", "must name an optimizer-EPOCH.bin file, not " + stateName);
        }
        long crc = j.integer("optimizer_state_crc32", 0, 0xffffffffL);
        long steps = j.integer("optimizer_steps", 0, Long.MAX_VALUE);
        Map<String, double[][]> arrays = OptimizerStateFile.read(f.resolveSibling(stateName), crc);
        long epoch = j.integer("epoch", 0, Integer.MAX_VALUE);
        restoreCounters(j, st, epoch);
        List<CurveRow> curve = curve(j.list("curve"), (int) epoch);
        // everything is read and checked: now change the fit
        for (int e = 0; e < params.length; e++) {
            System.arraycopy(current[e], 0, params[e], 0, params[e].length);
            System.arraycopy(best[e], 0, st.bestParams[e], 0, best[e].length);
        }
        fit.optimizer().restore(new OptimizerState(name, steps, arrays));
        st.epoch = (int) epoch;
        st.curve.clear();
        st.curve.addAll(curve);
    }

    private static void restoreCounters(JsonView j, FitLoop.State st, long epoch) {
        double bestLoss = orInfinity(j.numberOrNull("best_loss"));
        int bestEpoch = (int) j.integer("best_epoch", 0, epoch);
        double refLoss = orInfinity(j.numberOrNull("ref_loss"));
        int wait = (int) j.integer("wait", 0, epoch);
        boolean stopped = j.bool("stopped");
        int lrReductions = (int) j.integer("lr_reductions", 0, Integer.MAX_VALUE);
        double lrRef = orInfinity(j.numberOrNull("lr_ref"));
        int lrWait = (int) j.integer("lr_wait", 0, epoch);
        double seconds = j.number("seconds");
        if (!(seconds >= 0)) {
            throw j.invalid("seconds", "must be >= 0, not " + seconds);
        }
        st.bestLoss = bestLoss;
        st.bestEpoch = bestEpoch;
        st.refLoss = refLoss;
        st.wait = wait;
        st.stopped = stopped;
        st.lrReductions = lrReductions;
        st.lrRef = lrRef;
        st.lrWait = lrWait;
        st.seconds = seconds;
    }

    /** A loss written as null (not finite): +infinity, as before the first epoch. */
    private static double orInfinity(Double v) {
        return v == null ? Double.POSITIVE_INFINITY : v;
    }

    /** The learning curve: one row of nine values (epoch, then numbers or null) per epoch 1..epochs. */
    private static List<CurveRow> curve(JsonView rows, int epochs) {
        if (rows.size() != epochs) {
            throw rows.invalid("has " + rows.size() + " rows for " + epochs + " epochs");
        }
        List<CurveRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonView r = rows.list(i);
            if (r.size() != 9) {
                throw r.invalid("has " + r.size() + " values, expected 9");
            }
            int ep = (int) r.integer(0, i + 1, i + 1);
            double[] v = new double[8];
            for (int c = 0; c < 8; c++) {
                Double x = r.numberOrNull(c + 1);
                v[c] = x == null ? Double.NaN : x;
            }
            out.add(new CurveRow(ep, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void checkFingerprint(Path out, Map<String, Object> saved, Map<String, Object> fingerprint) {
        Map<String, Object> now = Json.JSON.convertValue(fingerprint, Map.class);
        for (String k : now.keySet()) {
            Object a = saved.get(k);
            Object b = now.get(k);
            if (a == null || !String.valueOf(a).equals(String.valueOf(b))) {
                throw new SettingException(k, "differs from the checkpoint in " + out.resolve(DIR) + ", which was made "
                    + "with " + a + " (this run: " + b + "); resume with the same settings, or start a new run in "
                    + "another output directory");
            }
        }
    }

}
