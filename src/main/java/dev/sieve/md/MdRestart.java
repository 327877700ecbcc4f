package dev.sieve.md;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Messages;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.md.potential.OverlayPotential;
import dev.sieve.md.potential.Potential;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code restart.json}: the engine's {@link MdEngine.State} (with the time step), what the state
 * belongs to ({@link Identity}: cell, potential, structure), the run's settings and its output progress (the byte
 * lengths of {@code thermo.csv} and {@code trajectory.xyz} when the state was taken). A restart is refused for
 * another cell, potential or structure, and {@code --resume} also for other settings, with one line naming the
 * difference.
 *
 * @param state    the engine state
 * @param identity what it belongs to
 * @param settings the run's settings (strings, compared by {@code --resume})
 * @param progress where the run's outputs stood
 */
record MdRestart(MdEngine.State state, Identity identity, Map<String, String> settings, Progress progress) {

    public static final String FORMAT = "sieve-md-restart";
    public static final int VERSION = 2;

    /**
     * @param cell      row-major cell matrix (null: open)
     * @param pbc       periodicity
     * @param potential the potential's description, with a hash of an HDNNP's weights
     * @param atoms     atom count
     * @param elements  the element of every atom, in order, as a hash (and a readable composition)
     * @param structure hash of the start structure of the run (elements, positions, cell)
     */
    public record Identity(double[] cell, boolean[] pbc, String potential, int atoms, String composition,
                           String elements, String structure) {}

    /**
     * @param firstStep      step at which the run started
     * @param lastStep       step at which it ends
     * @param thermoBytes    length of thermo.csv at the state
     * @param trajectoryBytes length of trajectory.xyz at the state (0: none)
     * @param complete       the run has finished (the state is its end)
     * @param extrapolations HDNNP extrapolation count at the state
     */
    public record Progress(long firstStep, long lastStep, long thermoBytes, long trajectoryBytes, boolean complete,
                           long extrapolations) {}

    /** The identity of a run of {@code potential} started from {@code start}. */
    public static Identity identity(Potential potential, Structure start) {
        Map<String, Integer> comp = new LinkedHashMap<>();
        StringBuilder els = new StringBuilder();
        for (String e : start.elements()) {
            comp.merge(e, 1, Integer::sum);
            els.append(e).append(' ');
        }
        MessageDigest st = sha();
        st.update(els.toString().getBytes(StandardCharsets.UTF_8));
        update(st, start.positions());
        if (start.cell() != null) {
            update(st, start.cell().matrix());
        }
        MessageDigest el = sha();
        el.update(els.toString().getBytes(StandardCharsets.UTF_8));
        return new Identity(start.cell() == null ? null : start.cell().matrix(), start.pbc().clone(),
            potentialId(potential), start.size(), comp.toString().replace("=", ":"), hex(el), hex(st));
    }

    /** describe(), plus a hash of the weights, scalings and atom energies of an HDNNP. */
    static String potentialId(Potential p) {
        HdnnpPotential hp = OverlayPotential.hdnnp(p);
        if (hp == null) {
            return p.describe();
        }
        HdnnpModel m = hp.model();
        MessageDigest d = sha();
        d.update(m.toString().getBytes(StandardCharsets.UTF_8));
        for (int e = 0; e < m.elements().size(); e++) {
            update(d, m.network(e).params());
            update(d, new double[] {m.atomEnergy(e)});
            d.update(String.valueOf(m.scaling(e)).getBytes(StandardCharsets.UTF_8));
        }
        return p.describe() + " weights sha256:" + hex(d).substring(0, 16);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest d, double[] a) {
        ByteBuffer b = ByteBuffer.allocate(8 * a.length);
        for (double v : a) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        d.update(b.array());
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** The settings {@code --resume} must repeat: the engine's and the output intervals. */
    public static Map<String, String> settings(MdRunConfig cfg) {
        Map<String, String> m = new LinkedHashMap<>();
        MdConfig e = cfg.engine();
        m.put("dt", Double.toString(e.dt()));
        m.put("ensemble", e.ensemble().toString());
        m.put("temperature", Double.toString(e.temperature()));
        m.put("damping", Double.toString(e.damping()));
        m.put("chain", Integer.toString(e.chain()));
        m.put("seed", Long.toString(e.seed()));
        m.put("skin", Double.toString(e.skin()));
        m.put("minDistance", Double.toString(e.minDistance()));
        m.put("steps", Long.toString(cfg.steps()));
        m.put("thermoEvery", Integer.toString(cfg.thermoEvery()));
        m.put("dumpEvery", Integer.toString(cfg.dumpEvery()));
        return m;
    }

    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("state", state);
        m.put("identity", identity);
        m.put("settings", settings);
        m.put("progress", progress);
        AtomicFile.writeString(file, Json.JSON.writeValueAsString(m));
    }

    /** Reads a restart file; a file of the first version (a bare state) has no identity, settings or progress. */
    public static MdRestart read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), -1, "no such restart file");
        }
        ObjectMapper om = Json.JSON;
        MdRestart r;
        try {
            JsonNode root = om.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new InputException(file.toString(), -1, "is not a restart file (empty or not a JSON object)");
            }
            if (!root.has("format")) {
                return complete(file, new MdRestart(om.treeToValue(root, MdEngine.State.class), null, null, null));
            }
            if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() > VERSION) {
                throw new InputException(file.toString(), -1, "is not a restart file of this Sieve (format "
                    + root.path("format").asText() + ", version " + root.path("version").asInt() + ")");
            }
            r = new MdRestart(om.treeToValue(root.get("state"), MdEngine.State.class),
                om.treeToValue(root.get("identity"), Identity.class),
                om.convertValue(root.get("settings"), om.getTypeFactory().constructMapType(LinkedHashMap.class,
                    String.class, String.class)),
                om.treeToValue(root.get("progress"), Progress.class));
        } catch (IOException e) {
            throw Messages.readError(file.toString(), e);
        }
        return complete(file, r);
    }

    private static MdRestart complete(Path file, MdRestart r) {
        MdEngine.State st = r.state();
        if (st == null || st.positions() == null || st.velocities() == null || st.xi() == null || st.vxi() == null
            || st.rng() == null || st.velocities().length != st.positions().length) {
            throw new InputException(file.toString(), -1, "incomplete restart file (expected step, positions, "
                + "velocities, xi, vxi and rng as written by sieve md)");
        }
        return r;
    }

    /**
     * Refuses a restart made for another cell, potential or structure (atoms and their elements; with
     * {@code sameStart} also the start structure itself), or with another time step.
     */
    public void check(Path file, Identity now, double dt, boolean sameStart) {
        check(file, now, dt, sameStart, null);
    }

    /**
     * As {@link #check(Path, Identity, double, boolean)}; {@code startName} names where this run's start structure
     * comes from (e.g. {@code --structure FILE}; null: "this run").
     */
    public void check(Path file, Identity now, double dt, boolean sameStart, String startName) {
        String here = startName == null ? "this run has " : startName + " has ";
        if (state.dt() != 0 && state.dt() != dt) {
            throw new InputException(file.toString(), -1, "was made with time step " + state.dt() + " fs, this run "
                + "has --dt " + dt + "; continue with the same time step");
        }
        if (identity == null) {
            return;
        }
        if (identity.atoms() != now.atoms() || !identity.elements().equals(now.elements())) {
            throw new InputException(file.toString(), -1, "was made for another structure: " + identity.atoms()
                + " atoms " + identity.composition() + ", " + here + now.atoms() + " atoms " + now.composition()
                + (identity.atoms() == now.atoms() ? " (elements in another order)" : ""));
        }
        if (!Arrays.equals(identity.cell(), now.cell()) || !Arrays.equals(identity.pbc(), now.pbc())) {
            throw new InputException(file.toString(), -1, "was made for another cell: " + Arrays.toString(
                identity.cell()) + " pbc " + Arrays.toString(identity.pbc()) + ", " + here
                + Arrays.toString(now.cell()) + " pbc " + Arrays.toString(now.pbc()));
        }
        if (!identity.potential().equals(now.potential())) {
            throw new InputException(file.toString(), -1, "was made for another potential: '" + identity.potential()
                + "', this run uses '" + now.potential() + "'");
        }
        if (sameStart && !identity.structure().equals(now.structure())) {
            throw new InputException(file.toString(), -1, "was made from another start structure (same atoms and "
                + "cell, other positions); resume with the same --structure and --index");
        }
    }

    /** Refuses to resume with settings other than the run's. */
    public void checkSettings(Path file, Map<String, String> now) {
        if (settings == null || progress == null) {
            throw new InputException(file.toString(), -1, "was written by an older Sieve and cannot be resumed; "
                + "continue it with --restart");
        }
        for (var e : now.entrySet()) {
            String was = settings.get(e.getKey());
            if (!e.getValue().equals(was)) {
                throw new InputException(e.getKey() + " " + e.getValue() + " differs from the run being resumed ("
                    + was + " in " + file + "); resume with the same settings");
            }
        }
    }
}
