package dev.sieve.select;

import dev.sieve.core.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.JsonChecksum;
import dev.sieve.core.JsonView;
import dev.sieve.core.Messages;
import dev.sieve.core.SettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path's checkpoint, {@code checkpoint/path-state.json}: the state after the last point (points, per element the
 * current features, network parameters and dense group norms, lambda_start, flags). Read back into typed records; a
 * malformed file is an {@link InputException} naming the file and the key.
 */
final class PathCheckpoint {
    static final String FORMAT = "sieve-select-state";

    private PathCheckpoint() {}

    /** One element's saved state: current features (candidate indices), network parameters, dense group norms. */
    record Element(int[] features, double[] params, double[] denseNorms) {}

    /** The saved state; {@code elements} in the order of the elements asked for. */
    record Saved(double lambdaStart, boolean finished, boolean onsetPending, double seconds, List<PathPoint> points,
                 List<Element> elements) {}

    /** Writes the state (atomically) to {@code file}. */
    static void write(Path file, Map<String, String> fingerprint, PathState st, List<String> elements) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 2);
        m.put("fingerprint", fingerprint);
        m.put("lambda_start", st.lambdaStart);
        m.put("finished", st.finished);
        m.put("onset_pending", st.onsetPending);
        m.put("seconds", st.seconds);
        m.put("points", st.points);
        Map<String, int[]> feats = new LinkedHashMap<>();
        Map<String, double[]> params = new LinkedHashMap<>();
        Map<String, double[]> dn = new LinkedHashMap<>();
        for (int e = 0; e < st.cur.length; e++) {
            feats.put(elements.get(e), st.cur[e]);
            params.put(elements.get(e), st.cur[e].length > 0 ? st.nets[e].params() : new double[0]);
            dn.put(elements.get(e), st.denseNorms[e]);
        }
        m.put("features", feats);
        m.put("params", params);
        m.put("dense_norms", dn);
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.writeString(file, Json.JSON_PRETTY.writeValueAsString(JsonChecksum.seal(m)) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    /**
     * Reads the state of {@code file}, checks its fingerprint against {@code now} (a {@link SettingException} naming
     * the first setting that differs), and returns it for {@code elements} (with {@code candidates[e]} candidates).
     */
    static Saved read(Path file, Map<String, String> now, List<String> elements, int[] candidates) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException("cannot read checkpoint " + file + ": " + Messages.reason(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InputException("cannot read checkpoint " + file + ": file is empty");
        }
        JsonNode format = root == null ? null : root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new InputException(file + " is not a sieve select checkpoint");
        }
        JsonChecksum.verify(root, "checkpoint " + file);
        JsonView j = JsonView.of(file, root);
        checkFingerprint(j.object("fingerprint").textValues(), now);
        List<Element> els = new ArrayList<>();
        for (int e = 0; e < elements.size(); e++) {
            String el = elements.get(e);
            JsonView features = j.object("features");
            int[] f = features.ints(el);
            for (int i : f) {
                if (i < 0 || i >= candidates[e]) {
                    throw features.invalid(el, "holds " + i + ", not a candidate index below " + candidates[e]);
                }
            }
            JsonView norms = j.object("dense_norms");
            double[] dn = norms.numbers(el);
            if (dn.length != candidates[e]) {
                throw norms.invalid(el, "has " + dn.length + " values, not " + candidates[e]);
            }
            els.add(new Element(f, j.object("params").numbers(el), dn));
        }
        double lambdaStart = j.number("lambda_start");
        boolean finished = j.bool("finished");
        boolean pending = j.has("onset_pending") && j.bool("onset_pending"); // optional: older checkpoints have none
        double seconds = j.number("seconds");
        List<PathPoint> points = new ArrayList<>(j.list("points").as(new TypeReference<List<PathPoint>>() {}));
        return new Saved(lambdaStart, finished, pending, seconds, points, List.copyOf(els));
    }

    /** Every setting of this run must equal the checkpoint's, and the checkpoint may have none this run lacks. */
    private static void checkFingerprint(Map<String, String> fp, Map<String, String> now) {
        for (var e : now.entrySet()) {
            if (!e.getValue().equals(fp.get(e.getKey()))) {
                throw new SettingException("resume", "is not possible: " + e.getKey() + " differs from the checkpoint "
                    + "(now '" + e.getValue() + "', checkpoint '" + fp.get(e.getKey()) + "')");
            }
        }
        for (var e : fp.entrySet()) { // a setting the checkpoint has and this run has not (optional keys)
            if (!now.containsKey(e.getKey())) {
                throw new SettingException("resume", "is not possible: " + e.getKey() + " differs from the checkpoint "
                    + "(now the default, checkpoint '" + e.getValue() + "')");
            }
        }
    }
}
