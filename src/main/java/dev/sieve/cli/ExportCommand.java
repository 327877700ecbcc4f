package dev.sieve.cli;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.StagedDirectory;
import dev.sieve.md.potential.ZblPotential;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.results.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve export}: writes a model as an n2p2 potential directory for LAMMPS. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a model as an n2p2 potential directory (input.nn, scaling.data, weights.ZZZ.data, "
        + "lammps.in) and prints the LAMMPS pair_style hdnnp / pair_coeff lines (also in lammps.in).",
        "--length-unit/--energy-unit say which units the model directory uses; the exported files keep them and "
            + "the LAMMPS line carries the matching cflength/cfenergy. The directory appears only when everything "
            + "was written; files of the same names in an existing directory are replaced."})
final class ExportCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ModelUnits units;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (input.nn, scaling.data, weights.ZZZ.data).")
    Path model;

    @Option(names = "--format", defaultValue = "n2p2", paramLabel = "FMT", description = "Export format: n2p2 (default ${DEFAULT-VALUE}; the only one so far).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;



    @Option(names = "--zbl", paramLabel = "INNER,OUTER", description = "Overlay a ZBL core repulsion in lammps.in: pair_style hybrid/overlay hdnnp ... zbl INNER OUTER (Å) with one pair_coeff I J zbl Z_I Z_J per element pair, as sieve md --zbl.")
    String zbl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.toLowerCase(Locale.ROOT).equals("n2p2")) {
            throw new InputException("unknown export format '" + format + "' (supported: n2p2)");
        }
        double[] zblCut = zbl == null ? null : ZblPotential.parseCutoffs(zbl, "--zbl");
        StagedDirectory.checkTarget(out);
        OutputGuard.requireDirectory("--out", out, List.of("input.nn", "scaling.data", "weights.*.data", "lammps.in",
            "run.json"), Outputs.model("--model", model));
        RunInfo run = Provenance.runInfo(spec);
        HdnnpModel m = units.read(model);
        String lammps;
        try (StagedDirectory dir = new StagedDirectory(out)) {
            N2p2Potential.write(m, dir.path());
            // lammps.in names the directory: point it at the final one, not the staging directory
            lammps = N2p2Potential.lammpsInput(m, dir.target(),
                zblCut == null ? null : new N2p2Potential.Zbl(zblCut[0], zblCut[1]));
            AtomicFile.writeString(dir.path().resolve("lammps.in"), lammps);
            run.result("elements", m.elements()).result("cutoff_angstrom", m.cutoff());
            if (zblCut != null) {
                run.result("zbl_inner_angstrom", zblCut[0]).result("zbl_outer_angstrom", zblCut[1]);
            }
            run.write(dir.path());
            dir.commit();
        }
        System.out.printf("exported %s to %s (n2p2)%n", m, out);
        System.out.println("LAMMPS (units metal):");
        for (String line : lammps.split("\n")) {
            if (line.startsWith("pair_style") || line.startsWith("pair_coeff")) {
                System.out.println("  " + line);
            }
        }
        return 0;
    }
}
