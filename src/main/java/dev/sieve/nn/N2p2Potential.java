package dev.sieve.nn;

import dev.sieve.descriptor.N2p2SymmetryFunctionReader;
import dev.sieve.descriptor.N2p2SymmetryFunctionWriter;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes complete n2p2 potential directories ({@code input.nn}, {@code scaling.data},
 * {@code weights.ZZZ.data}) as {@link HdnnpModel}s.
 *
 * <p>Units: an n2p2 directory works in its own length and energy units (e.g. Bohr and Hartree
 * for the mlearn models). {@code lengthPerAngstrom} and {@code energyPerEv} say which; SF
 * parameters are converted to Å on reading, and outputs to eV. The normalisation keywords
 * ({@code mean_energy}, {@code conv_energy}, {@code conv_length}) are honoured on top.
 */
public final class N2p2Potential {
    private N2p2Potential() {}

    /** The length unit {@code bohr}: {@link Units#N2P2_BOHR_PER_ANGSTROM} (n2p2's documented value, not CODATA's). */
    public static final double BOHR_PER_ANGSTROM = Units.N2P2_BOHR_PER_ANGSTROM;
    /** The energy unit {@code hartree}: {@link Units#N2P2_HARTREE_PER_EV} (n2p2's documented value, not CODATA's). */
    public static final double HARTREE_PER_EV = Units.N2P2_HARTREE_PER_EV;
    public static final double KCALMOL_PER_EV = 23.060547830619;

    /** Model length units per Å for {@code angstrom}, {@code bohr}, {@code nm}. */
    public static double lengthUnit(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "angstrom", "a", "å" -> 1.0;
            case "bohr", "au" -> BOHR_PER_ANGSTROM;
            case "nm" -> 0.1;
            default -> throw new InputException("unknown length unit '" + name + "' (expected angstrom, bohr or nm)");
        };
    }

    /** Model energy units per eV for {@code ev}, {@code hartree}, {@code kcal/mol}. */
    public static double energyUnit(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ev" -> 1.0;
            case "hartree", "ha", "au" -> HARTREE_PER_EV;
            case "kcal/mol", "kcalmol" -> KCALMOL_PER_EV;
            default -> throw new InputException("unknown energy unit '" + name + "' (expected ev, hartree or kcal/mol)");
        };
    }

    public static HdnnpModel read(Path dir) {
        return read(dir, 1.0, 1.0);
    }

    /** Reads a potential directory whose files are in the given units. */
    public static HdnnpModel read(Path dir, double lengthPerAngstrom, double energyPerEv) {
        Path inputNn = dir.resolve("input.nn");
        if (!java.nio.file.Files.isRegularFile(inputNn)) {
            throw new InputException(dir.toString(), -1, "is not an n2p2 potential directory (no input.nn)");
        }
        SymmetryFunctionSet sf = N2p2SymmetryFunctionReader.read(inputNn, lengthPerAngstrom);
        N2p2NetworkModel nm = N2p2NetworkModel.read(dir, el -> sf.elements().contains(el) ? sf.size(el) : -1);
        N2p2NetworkConfig cfg = nm.config();
        if (!sf.elements().equals(cfg.elements())) {
            throw new InputException(inputNn.toString(), -1, "symmetry functions are given for " + sf.elements()
                + " but the elements are " + cfg.elements());
        }
        for (int e = 0; e < sf.elements().size(); e++) {
            String el = sf.elements().get(e);
            if (sf.size(el) != nm.scalings().get(e).numFeatures()) {
                throw new InputException(dir.resolve("scaling.data").toString(), -1, "has "
                    + nm.scalings().get(e).numFeatures() + " functions for " + el + ", input.nn defines " + sf.size(el));
            }
        }
        double[] ae = new double[cfg.elements().size()];
        for (int e = 0; e < ae.length; e++) {
            ae[e] = cfg.atomEnergies().getOrDefault(cfg.elements().get(e), 0.0);
        }
        HdnnpModel.Units u = new HdnnpModel.Units(energyPerEv, lengthPerAngstrom,
            cfg.normalized() ? cfg.meanEnergy() : 0.0, cfg.normalized() ? cfg.convEnergy() : 1.0,
            cfg.normalized() ? cfg.convLength() : 1.0, cfg.normalized());
        return new HdnnpModel(sf, nm.scalings(), nm.networks(), ae, u);
    }

    /**
     * Writes {@code model} as an n2p2 directory: {@code input.nn} (global topology, scaling
     * keywords, normalisation, atom energies, cutoff type and SF lines in n2p2's sorted order),
     * {@code scaling.data} with the real training statistics, {@code weights.ZZZ.data}, and
     * {@code lammps.in} with the matching {@code pair_style hdnnp} lines. Files are in the model's
     * own units (see {@link HdnnpModel.Units}).
     */
    public static void write(HdnnpModel model, Path dir) {
        List<String> els = model.elements();
        Network net0 = model.network(0);
        for (int e = 1; e < els.size(); e++) {
            if (!java.util.Arrays.equals(hidden(model.network(e)), hidden(net0))) {
                throw new InputException("n2p2 needs the same hidden layers for every element; " + els.get(0) + " has "
                    + java.util.Arrays.toString(hidden(net0)) + ", " + els.get(e) + " has "
                    + java.util.Arrays.toString(hidden(model.network(e))));
            }
        }
        for (int l = 1; l <= net0.numLayers(); l++) {
            if (!net0.activation(l).isN2p2()) {
                throw new InputException("activation " + net0.activation(l) + " cannot be exported to n2p2");
            }
        }
        Scaling sc0 = model.scaling(0);
        HdnnpModel.Units u = model.units();
        StringBuilder sb = new StringBuilder();
        sb.append("# n2p2 potential written by Sieve ").append(dev.sieve.core.Version.get()).append('\n');
        sb.append("# units: ").append(u.lengthPerAngstrom()).append(" length units per Angstrom, ")
            .append(u.energyPerEv()).append(" energy units per eV\n");
        if (u.normalized()) {
            sb.append(String.format(Locale.ROOT, "mean_energy %s%nconv_energy %s%nconv_length %s%n",
                num(u.meanEnergy()), num(u.convEnergy()), num(u.convLength())));
        }
        sb.append("number_of_elements ").append(els.size()).append('\n');
        sb.append("elements ").append(String.join(" ", els)).append('\n');
        for (int e = 0; e < els.size(); e++) {
            if (model.atomEnergy(e) != 0.0) {
                sb.append("atom_energy ").append(els.get(e)).append(' ').append(num(model.atomEnergy(e))).append('\n');
            }
        }
        sb.append(N2p2SymmetryFunctionWriter.cutoffLine(model.symmetryFunctions())).append('\n');
        switch (sc0.mode()) {
            case NONE -> { }
            case MINMAX -> sb.append("scale_symmetry_functions\n");
            case CENTER -> sb.append("center_symmetry_functions\n");
            case SCALE_CENTER -> sb.append("scale_symmetry_functions\ncenter_symmetry_functions\n");
            case SIGMA -> sb.append("scale_symmetry_functions_sigma\n");
            default -> throw new InputException("scaling mode " + sc0.mode() + " has no n2p2 equivalent; "
                + "train with minmax, center, scale-center or sigma to export");
        }
        if (sc0.mode() != ScalingMode.NONE) {
            sb.append("scale_min_short ").append(num(sc0.smin())).append('\n');
            sb.append("scale_max_short ").append(num(sc0.smax())).append('\n');
        }
        int[] h = hidden(net0);
        sb.append("global_hidden_layers_short ").append(h.length).append('\n');
        sb.append("global_nodes_short");
        for (int v : h) {
            sb.append(' ').append(v);
        }
        sb.append('\n').append("global_activation_short");
        for (int l = 1; l <= net0.numLayers(); l++) {
            sb.append(' ').append(net0.activation(l).letter());
        }
        sb.append('\n');
        if (net0.normalizeNodes()) {
            sb.append("normalize_nodes\n");
        }
        // n2p2's nnp-* tools need a seed even for prediction
        sb.append("random_seed 1\n");
        N2p2SymmetryFunctionWriter.writeSymmetryFunctionLines(model.symmetryFunctions(), sb, u.lengthPerAngstrom());
        List<Scaling> scs = new ArrayList<>();
        List<Network> nets = new ArrayList<>();
        for (int e = 0; e < els.size(); e++) {
            scs.add(model.scaling(e));
            nets.add(model.network(e));
        }
        N2p2NetworkConfig cfg = N2p2NetworkConfig.parse("input.nn", List.of(sb.toString().split("\n")));
        new N2p2NetworkModel(cfg, scs, nets).writeScalingAndWeights(dir);
        AtomicFile.writeString(dir.resolve("input.nn"), sb.toString());
        AtomicFile.writeString(dir.resolve("lammps.in"), lammpsInput(model, dir));
    }

    /**
     * The LAMMPS (ML-HDNNP) lines for {@code model} stored in {@code dir}: {@code pair_style hdnnp <cutoff>
     * dir <dir> ... cflength <c> cfenergy <e>} and {@code pair_coeff * * <elements>}. As the LAMMPS
     * documentation of {@code pair_style hdnnp} says, the cutoff is in LAMMPS length units (Å for
     * {@code units metal}), and cflength/cfenergy multiply LAMMPS lengths/energies to give the
     * potential's units. LAMMPS refuses a cutoff below the largest symmetry-function cutoff divided
     * by cflength, so for a potential in other units than Å the cutoff is rounded up (a relative
     * 1e-9 margin, then 6 decimals) to survive the unit conversion's rounding.
     */
    public static String lammpsInput(HdnnpModel model, Path dir) {
        return lammpsInput(model, dir, null);
    }

    /**
     * A ZBL core repulsion for the exported potential: LAMMPS's {@code pair_style zbl inner outer} (Å, in LAMMPS's
     * units whatever the potential's units), overlaid on the HDNNP with {@code pair_style hybrid/overlay}.
     */
    public record Zbl(double inner, double outer) {}

    /**
     * As {@link #lammpsInput(HdnnpModel, Path)}; with {@code zbl} (may be null) the lines become
     * {@code pair_style hybrid/overlay hdnnp ... zbl <inner> <outer>}, {@code pair_coeff * * hdnnp <elements>} and
     * one {@code pair_coeff I J zbl Z_I Z_J} per pair of LAMMPS types (types numbered in the model's element order,
     * Z the atomic numbers of the element symbols).
     */
    public static String lammpsInput(HdnnpModel model, Path dir, Zbl zbl) {
        HdnnpModel.Units u = model.units();
        double rc = model.cutoff() * u.lengthPerAngstrom();
        String dirText = dir.toAbsolutePath().normalize().toString();
        if (dirText.chars().anyMatch(Character::isWhitespace)) {
            dirText = "\"" + dirText + "\"";
        }
        String hdnnp = "hdnnp " + lammpsCutoff(model) + " dir " + dirText
            + " showew no showewsum 100 maxew 1000 resetew yes cflength " + num(u.lengthPerAngstrom())
            + " cfenergy " + num(u.energyPerEv());
        StringBuilder sb = new StringBuilder();
        sb.append("# LAMMPS (ML-HDNNP package): use this potential. Positions in Angstrom and energies in eV.\n")
            .append("# cflength/cfenergy convert LAMMPS units to the potential's units (here ")
            .append(num(u.lengthPerAngstrom())).append(" per Angstrom, ").append(num(u.energyPerEv()))
            .append(" per eV).\n");
        List<String> els = model.elements();
        if (zbl == null) {
            sb.append("pair_style ").append(hdnnp).append('\n')
                .append("pair_coeff * * ").append(String.join(" ", els)).append('\n');
        } else {
            sb.append("# plus a ZBL core repulsion (pair_style zbl inner outer, Angstrom and eV), zero beyond ")
                .append(num(zbl.outer())).append(" Angstrom\n")
                .append("pair_style hybrid/overlay ").append(hdnnp).append(" zbl ").append(num(zbl.inner()))
                .append(' ').append(num(zbl.outer())).append('\n')
                .append("pair_coeff * * hdnnp ").append(String.join(" ", els)).append('\n');
            for (int i = 0; i < els.size(); i++) {
                for (int j = i; j < els.size(); j++) {
                    sb.append("pair_coeff ").append(i + 1).append(' ').append(j + 1).append(" zbl ")
                        .append(charge(els.get(i))).append(' ').append(charge(els.get(j))).append('\n');
                }
            }
        }
        return sb.append("# the cutoff in the potential's own length units is ").append(num(rc)).append('\n')
            .toString();
    }

    private static int charge(String element) {
        int z = dev.sieve.structure.Elements.atomicNumber(element);
        if (z < 1) {
            throw new InputException("ZBL needs element symbols for the nuclear charges, got '" + element + "'");
        }
        return z;
    }

    /** The {@code pair_style hdnnp} cutoff in Å: exact for Å potentials, else rounded up (see {@link #lammpsInput}). */
    static String lammpsCutoff(HdnnpModel model) {
        double rc = model.cutoff();
        if (model.units().lengthPerAngstrom() == 1.0) {
            return num(rc);
        }
        return new java.math.BigDecimal(rc * (1 + 1e-9)).setScale(6, java.math.RoundingMode.CEILING)
            .stripTrailingZeros().toPlainString();
    }

    private static int[] hidden(Network n) {
        int[] s = n.sizes();
        return java.util.Arrays.copyOfRange(s, 1, s.length - 1);
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
