package dev.sieve.md.potential;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.util.List;

/**
 * Energies and forces of LAMMPS's {@code pair_style zbl} for two small fixed configurations, computed with the Debian
 * package {@code lammps} 20220106.git7586adbb6a+ds1-2+b2 (LAMMPS 29 Sep 2021 - Update 2, binary {@code lmp},
 * {@code lmp -in in.lmp}), printed with {@code print "PE $(pe:%.17g)"} and
 * {@code write_dump all custom f.txt id type x y z fx fy fz modify format float %.17g sort id} after {@code run 0}.
 *
 * <p>Config A, input (atoms 1..5 in this order; type 1 = Al, type 2 = Cu):
 * <pre>
 * units metal
 * atom_style atomic
 * boundary p p p
 * region box block 0 20 0 20 0 20
 * create_box 2 box
 * create_atoms 1 single 5.0 5.0 5.0
 * create_atoms 1 single 5.9 5.2 4.9
 * create_atoms 2 single 5.3 6.4 5.4
 * create_atoms 1 single 6.7 6.1 5.6
 * create_atoms 2 single 4.6 5.6 6.3
 * mass 1 26.982
 * mass 2 63.546
 * pair_style zbl 1.0 2.0
 * pair_coeff 1 1 13 13
 * pair_coeff 1 2 13 29
 * pair_coeff 2 2 29 29
 * run 0
 * </pre>
 * Its pairs lie inside the inner cutoff (0.93 Å), in the switching region and beyond the outer cutoff.
 *
 * <p>Config B, the same with {@code region box block 0 10 0 10 0 10}, {@code create_box 1 box}, Al atoms at
 * (0.3, 5, 5), (9.6, 5.1, 5.05), (0.9, 6.2, 4.5), {@code mass 1 26.982}, {@code pair_style zbl 0.8 1.6} and
 * {@code pair_coeff 1 1 13 13}: a pair at 0.71 Å across the periodic boundary.
 */
public final class LammpsZblReference {
    private LammpsZblReference() {}

    /** A configuration with LAMMPS's numbers: the cutoffs, element order (= LAMMPS types), energy and forces. */
    public record Case(Structure structure, List<String> elements, double inner, double outer, double energy,
                       double[] forces) {}

    public static final Case A = new Case(
        Structure.of(Cell.orthorhombic(20, 20, 20), new String[] {"Al", "Al", "Cu", "Al", "Cu"},
            new double[] {5.0, 5.0, 5.0, 5.9, 5.2, 4.9, 5.3, 6.4, 5.4, 6.7, 6.1, 5.6, 4.6, 5.6, 6.3}),
        List.of("Al", "Cu"), 1.0, 2.0, 106.26857415287304,
        new double[] {
            -223.0543629954054, -101.4385011028991, -18.536904208180211,
            226.4979679839073, -13.347550328768339, -59.761110390287314,
            -7.9110917567243035, 143.18598461076198, -42.690524735827253,
            64.457353644911336, 12.776314600848425, 23.743297262807395,
            -59.989866876688922, -41.176247779942962, 97.245242071487382});

    public static final Case B = new Case(
        Structure.of(Cell.orthorhombic(10, 10, 10), new String[] {"Al", "Al", "Al"},
            new double[] {0.3, 5.0, 5.0, 9.6, 5.1, 5.05, 0.9, 6.2, 4.5}),
        List.of("Al"), 0.8, 1.6, 132.20709945597937,
        new double[] {
            652.74565667277227, -102.21659969542767, -43.436344812741915,
            -656.93035941912058, 93.847194202731032, 46.923597101365516,
            4.1847027463483224, 8.3694054926966448, -3.4872522886236013});
}
