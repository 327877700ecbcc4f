package dev.sieve.train;

import dev.sieve.core.JsonView;
import dev.sieve.results.ErrorStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code metrics.json} of a fit ({@code sieve train} and every refit split), as {@link TrainJob} writes it, read back
 * with every key checked: a missing key or a value of another type is a one-line
 * {@link dev.sieve.core.InputException} naming the file and the key.
 *
 * @param bestEpoch                     the epoch whose weights were kept
 * @param epochs                        epochs run
 * @param stoppedEarly                  whether early stopping ended the fit
 * @param converged                     whether the fit converged; null without validation structures
 * @param bestValidationLoss            the best validation loss; null without validation structures
 * @param validationForceClip           the validation force clip (eV/Å), or null when none was applied
 * @param validationComponentsClipped   validation force components clipped in the last epoch, or null (no clip)
 * @param validationSkippedExtrapolating validation structures left out of early stopping
 * @param atomEnergies                  the atom energies (eV) by element
 * @param structures                    structure counts
 * @param train                         errors on the training structures
 * @param validation                    errors on the validation structures, or null when there were none
 * @param test                          errors on the test structures, or null when there were none
 * @param note                          how the errors are defined
 */
public record MetricsFile(int bestEpoch, int epochs, boolean stoppedEarly, Boolean converged,
                          Double bestValidationLoss, Double validationForceClip, Long validationComponentsClipped,
                          int validationSkippedExtrapolating, Map<String, Double> atomEnergies, Structures structures,
                          Errors train, Errors validation, Errors test, String note) {
    /** The file name in a model directory. */
    public static final String NAME = "metrics.json";

    /** Training, validation and test structure counts. */
    public record Structures(int train, int validation, int test) {}

    /** The errors on one set of structures: overall and per config type. */
    public record Errors(ErrorStats.Summary overall, Map<String, ErrorStats.Summary> perConfigType) {}

    /** Whether {@code dir} has a metrics.json. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(NAME));
    }

    /**
     * Reads {@code dir/metrics.json}.
     *
     * @throws dev.sieve.core.InputException naming the file and the key when it is missing, not JSON, or a key is
     *                                       missing or of another type
     */
    public static MetricsFile read(Path dir) {
        JsonView m = JsonView.read(dir.resolve(NAME));
        JsonView s = m.object("structures");
        String clipped = "validation_components_clipped_last_epoch";
        return new MetricsFile(m.integer("best_epoch"), m.integer("epochs"), m.bool("stopped_early"),
            m.boolOrNull("converged"), m.numberOrNull("best_validation_loss"),
            m.optionalNumber("validation_force_clip_ev_per_a"),
            m.has(clipped) ? m.longInteger(clipped) : null,
            m.integer("validation_structures_skipped_extrapolating"), m.object("atom_energies_ev").numberValues(),
            new Structures(s.integer("train"), s.integer("validation"), s.integer("test")), errors(m.object("train")),
            errors(m.optionalObject("validation")), errors(m.optionalObject("test")), m.text("note"));
    }

    private static Errors errors(JsonView e) {
        if (e == null) {
            return null;
        }
        Map<String, ErrorStats.Summary> per = new LinkedHashMap<>();
        e.object("per_config_type").objectValues().forEach((k, v) -> per.put(k, summary(v)));
        return new Errors(summary(e.object("overall")), per);
    }

    /** An {@link ErrorStats.Summary} as Jackson writes the record (its component names as keys). */
    private static ErrorStats.Summary summary(JsonView s) {
        return new ErrorStats.Summary(s.longInteger("structures"), s.longInteger("atoms"),
            s.number("energyMaeMevPerAtom"), s.number("energyRmseMevPerAtom"), s.number("totalEnergyMseEv2"),
            s.number("seedsRmseMevPerAtom"), s.longInteger("forceComponents"), s.number("forceMaeEvPerA"),
            s.number("forceRmseEvPerA"), s.number("maxForceErrorEvPerA"));
    }
}
