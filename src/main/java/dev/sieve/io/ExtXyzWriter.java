package dev.sieve.io;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;

/**
 * Writes extended XYZ readable by ASE: {@code Lattice} (periodic cells only),
 * {@code Properties=species:S:1:pos:R:3[:forces:R:3][:charges:R:1]}, {@code energy}, the tags in
 * order, {@code comment} and {@code total_charge} when set, and {@code pbc}. Tags named like a
 * reserved key (energy, Lattice, Properties, pbc, comment, total_charge) are skipped.
 */
final class ExtXyzWriter implements StructureWriter {
    private static final Set<String> RESERVED = Set.of("energy", "lattice", "properties", "pbc", "comment",
        "total_charge");

    @Override
    public void write(Writer w, Structure s) throws IOException {
        int n = s.size();
        StringBuilder b = new StringBuilder(256 + 100 * n);
        b.append(n).append('\n');
        Cell c = s.cell();
        if (c != null) {
            b.append("Lattice=\"");
            for (int k = 0; k < 9; k++) {
                b.append(k == 0 ? "" : " ").append(Numbers.format(c.get(k / 3, k % 3)));
            }
            b.append("\" ");
        }
        b.append("Properties=species:S:1:pos:R:3");
        if (s.forces() != null) {
            b.append(":forces:R:3");
        }
        if (s.charges() != null) {
            b.append(":charges:R:1");
        }
        if (s.energy() != null) {
            b.append(" energy=").append(Numbers.format(s.energy()));
        }
        for (Map.Entry<String, String> e : s.tags().entrySet()) {
            String k = e.getKey();
            if (RESERVED.contains(k.toLowerCase(java.util.Locale.ROOT)) || k.isEmpty()) {
                continue;
            }
            b.append(' ').append(ExtXyzHeader.quote(k)).append('=').append(ExtXyzHeader.quote(e.getValue()));
        }
        if (!s.comment().isEmpty()) {
            b.append(" comment=").append(ExtXyzHeader.quote(s.comment()));
        }
        if (s.totalCharge() != null) {
            b.append(" total_charge=").append(Numbers.format(s.totalCharge()));
        }
        boolean[] p = s.pbc();
        b.append(" pbc=\"").append(p[0] ? 'T' : 'F').append(' ').append(p[1] ? 'T' : 'F').append(' ')
            .append(p[2] ? 'T' : 'F').append("\"\n");
        double[] x = s.positions();
        double[] f = s.forces();
        double[] q = s.charges();
        String[] el = s.elements();
        for (int i = 0; i < n; i++) {
            b.append(el[i]).append(' ').append(Numbers.format(x[3 * i])).append(' ')
                .append(Numbers.format(x[3 * i + 1])).append(' ').append(Numbers.format(x[3 * i + 2]));
            if (f != null) {
                b.append(' ').append(Numbers.format(f[3 * i])).append(' ').append(Numbers.format(f[3 * i + 1]))
                    .append(' ').append(Numbers.format(f[3 * i + 2]));
            }
            if (q != null) {
                b.append(' ').append(Numbers.format(q[i]));
            }
            b.append('\n');
        }
        w.write(b.toString());
    }
}
