package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Elements;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every ionic step of a VASP 5 or 6 OUTCAR. Elements come from the {@code TITEL} lines (or
 * the {@code POTCAR:} lines) and the counts from {@code ions per type}. Each step uses the last
 * {@code direct lattice vectors} block seen so far, the {@code POSITION ... TOTAL-FORCE} block and
 * the {@code FREE ENERGIE OF THE ION-ELECTRON SYSTEM} block that closes the step. The structure
 * energy is chosen by {@link VaspEnergy} (default {@code energy(sigma->0)}, as ASE); the other two
 * energies are kept as tags {@code free_energy} (TOTEN), {@code energy_without_entropy} and
 * {@code energy_sigma0}, with the text printed by VASP.
 */
final class OutcarReader extends AbstractReader {
    private final LineInput in;
    private final String source;
    private final VaspEnergy choice;

    private final List<String> titel = new ArrayList<>();
    private final List<String> potcar = new ArrayList<>();
    private String[] elements;
    private double[] cell;
    private long cellLine;

    OutcarReader(LineInput in, String source, VaspEnergy choice) {
        this.in = in;
        this.source = source;
        this.choice = choice;
    }

    @Override
    protected Structure readNext() {
        double[] pos = null;
        double[] frc = null;
        long posLine = -1;
        while (in.next()) {
            String line = in.line();
            if (in.isBlank()) {
                continue;
            }
            if (elements == null) {
                if (in.tokenIs(0, "TITEL") && in.count() >= 4) {
                    titel.add(elementOf(in.token(3)));
                    continue;
                }
                if (in.tokenIs(0, "POTCAR:") && in.count() >= 3) {
                    potcar.add(elementOf(in.token(2)));
                    continue;
                }
                if (line.contains("ions per type =")) {
                    defineElements();
                    continue;
                }
            }
            if (line.contains("direct lattice vectors")) {
                cellLine = in.lineNo();
                double[] h = new double[9];
                for (int v = 0; v < 3; v++) {
                    in.require("lattice vector " + (v + 1) + " after 'direct lattice vectors' on line " + cellLine);
                    if (in.count() < 3) {
                        throw in.error("expected 3 numbers of lattice vector " + (v + 1) + ", got "
                + Messages.quote(in.line().strip()));
                    }
                    for (int k = 0; k < 3; k++) {
                        h[3 * v + k] = in.number(k, "lattice vector component");
                    }
                }
                cell = h;
            } else if (line.startsWith(" POSITION") && line.contains("TOTAL-FORCE")) {
                if (elements == null) {
                    throw in.error("forces block before the 'ions per type =' line; expected the OUTCAR header first");
                }
                posLine = in.lineNo();
                int n = elements.length;
                pos = new double[3 * n];
                frc = new double[3 * n];
                in.require("a line of dashes after POSITION ... TOTAL-FORCE");
                for (int i = 0; i < n; i++) {
                    if (!in.next()) {
                        throw in.error(in.lineNo() + 1, "file ends early: forces block of line " + posLine + " has "
                            + i + " of " + n + " atom lines");
                    }
                    if (in.count() != 6) {
                        throw in.error("expected 6 numbers (x y z fx fy fz) for atom " + (i + 1) + " of " + n
                            + ", got " + Messages.quote(in.line().strip()));
                    }
                    for (int k = 0; k < 3; k++) {
                        pos[3 * i + k] = in.coordinate(k, "atom " + (i + 1) + " position");
                        frc[3 * i + k] = in.number(3 + k, "force");
                    }
                }
                in.require("a line of dashes after the " + n + " atom lines");
                if (!in.line().strip().startsWith("---")) {
                    throw in.error("expected a line of dashes after " + n + " atoms (ions per type), got "
                + Messages.quote(in.line().strip()));
                }
            } else if (line.contains("FREE ENERGIE OF THE ION-ELECTRON SYSTEM")) {
                if (pos == null) {
                    throw in.error("energy block without a preceding POSITION ... TOTAL-FORCE block");
                }
                return finishStep(pos, frc, posLine);
            }
        }
        if (pos != null) {
            throw in.error(in.lineNo() + 1, "file ends inside the ionic step whose forces start at line " + posLine
                + ": expected 'FREE ENERGIE OF THE ION-ELECTRON SYSTEM'");
        }
        if (index == 0) {
            throw in.error(in.lineNo() + 1, "no ionic step found: expected a 'POSITION ... TOTAL-FORCE' block"
                + " followed by 'FREE ENERGIE OF THE ION-ELECTRON SYSTEM'");
        }
        return null;
    }

    private Structure finishStep(double[] pos, double[] frc, long posLine) {
        long blockLine = in.lineNo();
        String toten = null;
        String noEntropy = null;
        String sigma0 = null;
        for (int k = 0; k < 8 && (toten == null || sigma0 == null); k++) {
            in.require("'free  energy   TOTEN' and 'energy(sigma->0)' lines after line " + blockLine);
            String l = in.line();
            int t = l.indexOf("TOTEN");
            if (t >= 0) {
                int eq = l.indexOf('=', t);
                int ev = l.indexOf("eV", eq + 1);
                toten = l.substring(eq + 1, ev < 0 ? l.length() : ev).strip();
            }
            int w = l.indexOf("entropy=");
            int s0 = l.indexOf("energy(sigma->0)");
            if (w >= 0 && s0 > w) {
                noEntropy = l.substring(w + "entropy=".length(), s0).strip();
                sigma0 = l.substring(l.indexOf('=', s0) + 1).strip();
            }
        }
        if (toten == null || sigma0 == null) {
            throw in.error("expected 'free  energy   TOTEN  = ...' and 'energy  without entropy= ... "
                + "energy(sigma->0) = ...' within 8 lines after line " + blockLine);
        }
        double eToten = Numbers.parse(toten, in.file(), in.lineNo(), "free energy TOTEN");
        double eNoEntropy = Numbers.parse(noEntropy, in.file(), in.lineNo(), "energy without entropy");
        double eSigma0 = Numbers.parse(sigma0, in.file(), in.lineNo(), "energy(sigma->0)");
        Map<String, String> tags = new LinkedHashMap<>();
        double energy = switch (choice) {
            case SIGMA0 -> eSigma0;
            case TOTEN -> eToten;
            case WITHOUT_ENTROPY -> eNoEntropy;
        };
        if (choice != VaspEnergy.TOTEN) {
            tags.put("free_energy", toten);
        }
        if (choice != VaspEnergy.WITHOUT_ENTROPY) {
            tags.put("energy_without_entropy", noEntropy);
        }
        if (choice != VaspEnergy.SIGMA0) {
            tags.put("energy_sigma0", sigma0);
        }
        if (cell == null) {
            throw in.error(posLine, "ionic step without a preceding 'direct lattice vectors' block");
        }
        Cell c;
        try {
            c = Cell.of(cell);
        } catch (IllegalArgumentException e) {
            throw in.error(cellLine, "invalid lattice: " + e.getMessage());
        }
        return new Structure("", c, null, elements, pos, energy, frc, null, null, tags, source, index++);
    }

    private void defineElements() {
        String l = in.line();
        String[] t = l.substring(l.indexOf('=') + 1).strip().split("\\s+");
        int[] counts = new int[t.length];
        int n = 0;
        for (int k = 0; k < t.length; k++) {
            counts[k] = Numbers.parseInt(t[k], 0, t[k].length(), in.file(), in.lineNo(), "ions per type");
            n += counts[k];
        }
        List<String> names;
        if (titel.size() == t.length) {
            names = titel;
        } else if (potcar.size() >= t.length) {
            names = potcar.subList(0, t.length);
        } else {
            throw in.error("found " + t.length + " counts in 'ions per type' but " + titel.size()
                + " TITEL lines; expected one element per type");
        }
        for (String e : names) {
            if (!Elements.isSymbol(e)) {
                throw in.error("cannot tell the element of POTCAR " + Messages.quote(e));
            }
        }
        elements = new String[n];
        int a = 0;
        for (int k = 0; k < t.length; k++) {
            for (int j = 0; j < counts[k]; j++) {
                elements[a++] = names.get(k);
            }
        }
    }

    /** "Na_pv" → "Na", "H1.25" → "H". */
    private static String elementOf(String potcarName) {
        int e = 0;
        while (e < potcarName.length() && Character.isLetter(potcarName.charAt(e))) {
            e++;
        }
        return potcarName.substring(0, e);
    }

    @Override
    public void close() {
        in.close();
    }
}
