package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.md.potential.OverlayPotential;
import dev.sieve.md.potential.Potential;
import dev.sieve.md.potential.Potentials;
import dev.sieve.md.potential.ZblPotential;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose a potential: a reference potential spec or an HDNNP model directory. */
final class PotentialOptions {
    @picocli.CommandLine.Mixin
    ModelUnits units;

    @Option(names = "--potential", paramLabel = "SPEC", description = "Reference potential: " + Potentials.HELP + ".")
    String potential;

    @Option(names = "--model", paramLabel = "DIR", description = "HDNNP model directory (Sieve or n2p2).")
    Path model;



    @Option(names = "--zbl", paramLabel = "INNER,OUTER", description = "Overlay a ZBL core repulsion (LAMMPS pair_style zbl INNER OUTER, Å; Z from the element symbols), switched off between INNER and OUTER, e.g. 1.0,2.0 for Al.")
    String zbl;

    /** The chosen potential; exactly one of --potential and --model must be given. */
    public Potential open(int threads) {
        check();
        double[] cut = zbl == null ? null : ZblPotential.parseCutoffs(zbl, "--zbl");
        Potential p = model != null
            ? new HdnnpPotential(units.read(model), threads, model.toString())
            : Potentials.parse(potential, threads);
        if (cut == null) {
            return p;
        }
        try {
            return OverlayPotential.withZbl(p, cut[0], cut[1]);
        } catch (RuntimeException e) {
            MdCommand.close(p);
            throw e;
        }
    }

    /**
     * Refuses what {@link #open} would refuse that needs no file: not exactly one of --potential and --model, and the
     * ZBL repulsion given twice (--zbl with a --potential that has it, or twice in the spec).
     */
    public void check() {
        if ((potential == null) == (model == null)) {
            throw new InputException("give exactly one of --potential SPEC and --model DIR");
        }
        if (potential != null) {
            Potentials.requireOneZbl(potential);
            if (zbl != null && Potentials.hasZbl(potential)) {
                throw new InputException("--zbl " + zbl + " and --potential '" + potential + "' both add the ZBL "
                    + "repulsion; give it once");
            }
        }
    }

    public String label() {
        return (model != null ? "model " + model : potential) + (zbl != null ? " + zbl " + zbl : "");
    }
}
