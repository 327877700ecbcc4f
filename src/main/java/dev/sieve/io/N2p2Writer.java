package dev.sieve.io;

import dev.sieve.core.InputException;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes n2p2 {@code input.data}. n2p2 has no notion of a missing energy or missing forces: an
 * absent energy is written as {@code energy 0.0}, absent forces and charges as zeros. The total
 * charge line is written only when the structure has one. Tags are not representable (only the
 * comment line is kept). A partially periodic structure cannot be written (n2p2 is all or nothing).
 */
final class N2p2Writer implements StructureWriter {
    @Override
    public void write(Writer w, Structure s) throws IOException {
        if (s.isPeriodic() && !(s.pbc()[0] && s.pbc()[1] && s.pbc()[2])) {
            throw new InputException(s.origin() + ": partially periodic structures cannot be written to n2p2 input.data");
        }
        StringBuilder b = new StringBuilder(64 + 96 * s.size());
        b.append("begin\n");
        String comment = s.comment().replace('\n', ' ').replace('\r', ' ').strip();
        if (!comment.isEmpty()) {
            b.append("comment ").append(comment).append('\n');
        }
        if (s.isPeriodic()) {
            Cell c = s.cell();
            for (int v = 0; v < 3; v++) {
                b.append("lattice ").append(Numbers.format(c.get(v, 0))).append(' ')
                    .append(Numbers.format(c.get(v, 1))).append(' ').append(Numbers.format(c.get(v, 2))).append('\n');
            }
        }
        double[] p = s.positions();
        double[] f = s.forces();
        double[] q = s.charges();
        String[] el = s.elements();
        for (int i = 0; i < s.size(); i++) {
            if (el[i].isEmpty() || el[i].indexOf(' ') >= 0) {
                throw new InputException(s.origin() + ": atom " + i + " has an invalid element '" + el[i] + "'");
            }
            b.append("atom ").append(Numbers.format(p[3 * i])).append(' ').append(Numbers.format(p[3 * i + 1]))
                .append(' ').append(Numbers.format(p[3 * i + 2])).append(' ').append(el[i]).append(' ')
                .append(q == null ? "0.0" : Numbers.format(q[i])).append(" 0.0 ");
            if (f == null) {
                b.append("0.0 0.0 0.0\n");
            } else {
                b.append(Numbers.format(f[3 * i])).append(' ').append(Numbers.format(f[3 * i + 1])).append(' ')
                    .append(Numbers.format(f[3 * i + 2])).append('\n');
            }
        }
        b.append("energy ").append(s.energy() == null ? "0.0" : Numbers.format(s.energy())).append('\n');
        if (s.totalCharge() != null) {
            b.append("charge ").append(Numbers.format(s.totalCharge())).append('\n');
        }
        b.append("end\n");
        w.write(b.toString());
    }
}
