package dev.sieve.report;

import dev.sieve.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sieve.core.JsonView;
import dev.sieve.results.ErrorStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@code sieve evaluate}: counts, extrapolation and the error statistics overall
 * and per {@code config_type}, as JSON ({@code metrics.json}) and Markdown ({@code metrics.md}).
 *
 * @param model                  model directory as given
 * @param data                   data file as given
 * @param lengthUnit             the model's length unit name
 * @param energyUnit             the model's energy unit name
 * @param n2p2Forces             whether forces follow n2p2's nnp-predict convention
 * @param structures             structures evaluated
 * @param atoms                  atoms in them
 * @param structuresWithEnergy   structures with a reference energy
 * @param structuresWithForces   structures with reference forces
 * @param extrapolations         (atom, symmetry function) values outside the training range
 * @param structuresExtrapolating structures with at least one such value
 * @param stats                  errors; groups are config_type names, {@link #UNTAGGED} for none
 * @param plots                  plot files written (names relative to the output directory)
 */
public record EvaluationReport(String model, String data, String lengthUnit, String energyUnit, boolean n2p2Forces,
                               long structures, long atoms, long structuresWithEnergy, long structuresWithForces,
                               long extrapolations, long structuresExtrapolating, ErrorStats stats,
                               List<String> plots) {

    /** The file name of the JSON report in an evaluate directory. */
    public static final String METRICS = "metrics.json";

    /**
     * {@code metrics.json} of {@code sieve evaluate} as read back ({@link #toJson()} wrote it), every key checked.
     * Errors a data set cannot give (null in the file) are NaN.
     *
     * @param model         model directory as given
     * @param data          data file as given
     * @param structures    structures evaluated
     * @param overall       errors over all structures
     * @param perConfigType errors per config type (empty for an untagged set)
     * @param plots         plot files written
     */
    public record Metrics(String model, String data, long structures, ErrorStats.Summary overall,
                          Map<String, ErrorStats.Summary> perConfigType, List<String> plots) {}

    /**
     * Reads {@code dir/metrics.json} as {@code sieve evaluate} writes it.
     *
     * @throws dev.sieve.core.InputException naming the file and the key when it is missing, not JSON, or a key is
     *                                       missing or of another type
     */
    public static Metrics read(Path dir) {
        JsonView m = JsonView.read(dir.resolve(METRICS));
        for (String k : List.of("structures_with_energy", "structures_with_forces", "extrapolations",
            "structures_extrapolating", "atoms")) {
            m.longInteger(k);
        }
        for (String k : List.of("length_unit", "energy_unit", "force_convention")) {
            m.text(k);
        }
        Map<String, ErrorStats.Summary> per = new LinkedHashMap<>();
        m.object("per_config_type").objectValues().forEach((k, v) -> per.put(k, summary(v)));
        return new Metrics(m.text("model"), m.text("data"), m.longInteger("structures"), summary(m.object("overall")),
            per, m.texts("plots"));
    }

    private static ErrorStats.Summary summary(JsonView s) {
        return new ErrorStats.Summary(s.longInteger("structures"), s.longInteger("atoms"),
            orNaN(s.numberOrNull("energy_mae_mev_per_atom")), orNaN(s.numberOrNull("energy_rmse_mev_per_atom")),
            orNaN(s.numberOrNull("total_energy_mse_ev2")), orNaN(s.numberOrNull("seeds_rmse_mev_per_atom")),
            s.longInteger("force_components"), orNaN(s.numberOrNull("force_mae_ev_per_a")),
            orNaN(s.numberOrNull("force_rmse_ev_per_a")), orNaN(s.numberOrNull("force_max_error_ev_per_a")));
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** Group name of structures without a {@code config_type}. */
    public static final String UNTAGGED = "(untagged)";

    public EvaluationReport {
        plots = List.copyOf(plots);
    }

    /** True if at least one structure carries a {@code config_type}. */
    public boolean tagged() {
        return stats.perConfigType().keySet().stream().anyMatch(k -> !k.equals(UNTAGGED));
    }

    /** Per-config_type summaries, or an empty map for an untagged set. */
    public Map<String, ErrorStats.Summary> groups() {
        return tagged() ? stats.perConfigType() : Map.of();
    }

    /** metrics.json content: null marks a quantity the data cannot give (no reference energies/forces). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("data", data);
        m.put("length_unit", lengthUnit);
        m.put("energy_unit", energyUnit);
        m.put("force_convention", n2p2Forces ? "n2p2" : "exact");
        m.put("structures", structures);
        m.put("atoms", atoms);
        m.put("structures_with_energy", structuresWithEnergy);
        m.put("structures_with_forces", structuresWithForces);
        m.put("extrapolations", extrapolations);
        m.put("structures_extrapolating", structuresExtrapolating);
        m.put("overall", summaryJson(stats.overall()));
        Map<String, Object> per = new LinkedHashMap<>();
        groups().forEach((k, v) -> per.put(k, summaryJson(v)));
        m.put("per_config_type", per);
        m.put("plots", plots);
        m.put("definitions", Map.of(
            "energy_mae_mev_per_atom", "mean over structures of |E_pred - E_ref| / N",
            "energy_rmse_mev_per_atom", "sqrt(mean over structures of ((E_pred - E_ref) / N)^2)",
            "total_energy_mse_ev2", "mean over structures of (E_pred - E_ref)^2 (the seeds' MSE)",
            "seeds_rmse_mev_per_atom", "sqrt(mean over structures of (E_pred - E_ref)^2 / N^2); "
                + "equals sqrt(MSE)/N when every structure has N atoms",
            "force_mae_ev_per_a", "mean over Cartesian force components of |F_pred - F_ref|",
            "force_rmse_ev_per_a", "sqrt(mean over Cartesian force components of (F_pred - F_ref)^2)"));
        return m;
    }

    public String toJsonString() {
        try {
            return Json.prettyLine(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise metrics", e);
        }
    }

    private static Map<String, Object> summaryJson(ErrorStats.Summary s) {
        boolean e = s.structures() > 0;
        boolean f = s.forceComponents() > 0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("structures", s.structures());
        m.put("atoms", s.atoms());
        m.put("energy_mae_mev_per_atom", e ? s.energyMaeMevPerAtom() : null);
        m.put("energy_rmse_mev_per_atom", e ? s.energyRmseMevPerAtom() : null);
        m.put("total_energy_mse_ev2", e ? s.totalEnergyMseEv2() : null);
        m.put("seeds_rmse_mev_per_atom", e ? s.seedsRmseMevPerAtom() : null);
        m.put("force_components", s.forceComponents());
        m.put("force_mae_ev_per_a", f ? s.forceMaeEvPerA() : null);
        m.put("force_rmse_ev_per_a", f ? s.forceRmseEvPerA() : null);
        m.put("force_max_error_ev_per_a", f ? s.maxForceErrorEvPerA() : null);
        return m;
    }

    /** The error table in Markdown (overall row, then one row per config_type). */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| set | structures | atoms | E MAE (meV/atom) | E RMSE (meV/atom) | total-E MSE (eV²) "
            + "| sqrt(MSE)/N (meV/atom) | F components | F MAE (eV/Å) | F RMSE (eV/Å) | F max (eV/Å) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        row(sb, "all", stats.overall());
        groups().forEach((k, v) -> row(sb, k, v));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, ErrorStats.Summary s) {
        boolean e = s.structures() > 0;
        boolean f = s.forceComponents() > 0;
        sb.append("| ").append(name.replace("|", "\\|"))
            .append(" | ").append(s.structures())
            .append(" | ").append(s.atoms())
            .append(" | ").append(e ? fmt("%.3f", s.energyMaeMevPerAtom()) : "–")
            .append(" | ").append(e ? fmt("%.3f", s.energyRmseMevPerAtom()) : "–")
            .append(" | ").append(e ? fmt("%.4g", s.totalEnergyMseEv2()) : "–")
            .append(" | ").append(e ? fmt("%.3f", s.seedsRmseMevPerAtom()) : "–")
            .append(" | ").append(s.forceComponents())
            .append(" | ").append(f ? fmt("%.4f", s.forceMaeEvPerA()) : "–")
            .append(" | ").append(f ? fmt("%.4f", s.forceRmseEvPerA()) : "–")
            .append(" | ").append(f ? fmt("%.4f", s.maxForceErrorEvPerA()) : "–")
            .append(" |\n");
    }

    /** A few lines above the table: what was evaluated, reference coverage, extrapolation. */
    public String header() {
        StringBuilder sb = new StringBuilder();
        sb.append(fmt("- model: `%s` (length unit %s, energy unit %s; forces: %s)%n", model, lengthUnit, energyUnit,
            n2p2Forces ? "n2p2 nnp-predict convention" : "exact -dE/dr"));
        sb.append(fmt("- data: `%s`: %d structures, %d atoms; %d with reference energies, %d with reference forces%n",
            data, structures, atoms, structuresWithEnergy, structuresWithForces));
        sb.append(extrapolations == 0
            ? "- extrapolation: none (every symmetry function within the training range)\n"
            : fmt("- extrapolation: %d symmetry-function values outside the training range, in %d of %d structures%n",
                extrapolations, structuresExtrapolating, structures));
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# Sieve evaluation\n\n");
        sb.append(header()).append('\n').append(table()).append('\n');
        sb.append("Energy errors are per structure divided by its atom count. total-E MSE is the mean squared "
            + "total-energy error per structure (the seeds' measure, eV²); sqrt(MSE)/N is computed per structure, "
            + "sqrt(mean((ΔE/N)²)), which equals sqrt(MSE)/N when all structures have N atoms. Force errors are "
            + "over Cartesian components.\n");
        if (!plots.isEmpty()) {
            sb.append("\nParity plots: ");
            for (int i = 0; i < plots.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('[').append(plots.get(i)).append("](").append(plots.get(i))
                    .append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
