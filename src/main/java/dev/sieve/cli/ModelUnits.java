package dev.sieve.cli;

import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The units of a model directory ({@code --length-unit}, {@code --energy-unit}), declared once for every command. */
final class ModelUnits {
    @Option(names = "--length-unit", defaultValue = "angstrom", paramLabel = "U",
        description = "Length unit of the model: angstrom, bohr, nm (default ${DEFAULT-VALUE}).")
    String lengthUnit;

    @Option(names = "--energy-unit", defaultValue = "ev", paramLabel = "U",
        description = "Energy unit of the model: ev, hartree, kcal/mol (default ${DEFAULT-VALUE}).")
    String energyUnit;

    /** The model in {@code dir}, read in these units. */
    HdnnpModel read(Path dir) {
        return N2p2Potential.read(dir, N2p2Potential.lengthUnit(lengthUnit), N2p2Potential.energyUnit(energyUnit));
    }
}
