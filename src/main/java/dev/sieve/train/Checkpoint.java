package dev.sieve.train;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
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
    static final int FORMAT = 3;

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
            String json = Json.JSON.writeValueAsString(m);
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

    private static double num(JsonNode n, double ifNull) {
        return n == null || n.isNull() ? ifNull : n.doubleValue();
    }

    private static double[][] paramsOf(FitLoop fit) {
        double[][] p = new double[fit.networks().length][];
        for (int e = 0; e < p.length; e++) {
            p[e] = fit.networks()[e].params();
        }
        return p;
    }

    /** Restores {@code fit} from {@code out/checkpoint/state.json}; the fingerprint must match. */
    public static void restore(Path out, Map<String, Object> fingerprint, FitLoop fit) {
        Path f = stateFile(out);
        JsonNode root;
        try {
            root = Json.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new InputException(f + ": cannot read checkpoint: " + dev.sieve.core.Messages.reason(e));
        }
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new InputException(f + ": unknown checkpoint format " + (root == null ? "(empty)" : root.path("format"))
                + " (this Sieve writes format " + FORMAT + "); start a new run");
        }
        checkFingerprint(out, root.get("fingerprint"), fingerprint);
        String name = root.path("optimizer").asText();
        if (!fit.optimizer().name().equals(name)) {
            throw new InputException(f + ": checkpoint optimizer " + name + " differs from " + fit.optimizer().name());
        }
        read(root.get("params"), paramsOf(fit), "params", f);
        FitLoop.State st = fit.state();
        read(root.get("best_params"), st.bestParams, "best_params", f);
        String stateName = root.path("optimizer_state_file").asText("");
        if (!stateName.matches("optimizer-[0-9]+\\.bin")) {
            throw new InputException(f + ": checkpoint names no optimizer state file; start a new run");
        }
        Map<String, double[][]> arrays = OptimizerStateFile.read(f.resolveSibling(stateName),
            root.path("optimizer_state_crc32").asLong());
        fit.optimizer().restore(new OptimizerState(name, root.path("optimizer_steps").asLong(), arrays));
        st.epoch = root.path("epoch").asInt();
        st.bestLoss = num(root.get("best_loss"), Double.POSITIVE_INFINITY);
        st.bestEpoch = root.path("best_epoch").asInt();
        st.refLoss = num(root.get("ref_loss"), Double.POSITIVE_INFINITY);
        st.wait = root.path("wait").asInt();
        st.stopped = root.path("stopped").asBoolean();
        st.lrReductions = root.path("lr_reductions").asInt();
        st.lrRef = num(root.get("lr_ref"), Double.POSITIVE_INFINITY);
        st.lrWait = root.path("lr_wait").asInt();
        st.seconds = root.path("seconds").asDouble();
        st.curve.clear();
        for (JsonNode r : root.path("curve")) {
            st.curve.add(new CurveRow(r.get(0).asInt(), num(r.get(1), Double.NaN), num(r.get(2), Double.NaN),
                num(r.get(3), Double.NaN), num(r.get(4), Double.NaN), num(r.get(5), Double.NaN),
                num(r.get(6), Double.NaN), num(r.get(7), Double.NaN), num(r.get(8), Double.NaN)));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkFingerprint(Path out, JsonNode savedNode, Map<String, Object> fingerprint) {
        Map<String, Object> saved = Json.JSON.convertValue(savedNode, Map.class);
        Map<String, Object> now = Json.JSON.convertValue(fingerprint, Map.class);
        for (String k : now.keySet()) {
            Object a = saved == null ? null : saved.get(k);
            Object b = now.get(k);
            if (a == null || !String.valueOf(a).equals(String.valueOf(b))) {
                throw new SettingException(k, "differs from the checkpoint in " + out.resolve(DIR) + ", which was made "
                    + "with " + a + " (this run: " + b + "); resume with the same settings, or start a new run in "
                    + "another output directory");
            }
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
