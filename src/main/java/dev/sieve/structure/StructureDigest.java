package dev.sieve.structure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A content hash of structures as read (SHA-256 over elements, cell, periodicity, positions, energy, forces and tags,
 * the doubles by their bits): what a checkpoint records of its training data, so that a resume on other data with the
 * same structure count is refused.
 */
public final class StructureDigest {
    private StructureDigest() {}

    /** The first 16 hex digits of the SHA-256 of {@code structures} in order. */
    public static String of(List<Structure> structures) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.allocate(8);
        for (Structure s : structures) {
            add(md, b, s.elements().length);
            for (String e : s.elements()) {
                md.update(e.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            addAll(md, b, s.cell() == null ? new double[0] : s.cell().matrix());
            for (boolean p : s.pbc()) {
                md.update((byte) (p ? 1 : 0));
            }
            addAll(md, b, s.positions());
            add(md, b, s.energy() == null ? Double.NaN : s.energy());
            addAll(md, b, s.forces() == null ? new double[0] : s.forces());
            for (Map.Entry<String, String> t : new TreeMap<>(s.tags()).entrySet()) {
                md.update((t.getKey() + "=" + t.getValue()).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update((byte) 0x1e);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** The first 16 hex digits of the SHA-256 of a text (e.g. a symmetry-function set's parameters). */
    public static String text(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addAll(MessageDigest md, ByteBuffer b, double[] v) {
        add(md, b, v.length);
        for (double x : v) {
            add(md, b, x);
        }
    }

    private static void add(MessageDigest md, ByteBuffer b, double x) {
        b.clear();
        b.putLong(Double.doubleToLongBits(x));
        md.update(b.array());
    }

    private static void add(MessageDigest md, ByteBuffer b, long x) {
        b.clear();
        b.putLong(x);
        md.update(b.array());
    }
}
