package dev.sieve.report;

import dev.sieve.core.InputException;
import dev.sieve.results.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One output directory given to the report, recognised by its files, with its {@code run.json}.
 *
 * @param dir   the directory
 * @param label how the report names it (the path as given, or parent/child for expanded directories)
 * @param kind  what wrote it
 * @param run   its run.json, or null when it has none
 */
record ReportInput(Path dir, String label, Kind kind, RunInfo.Recorded run) {

    /** What kind of output a directory holds, in the report's order. */
    enum Kind {
        TRAIN("train", "Training", "Fits written by sieve train: learning curves, errors on the training, validation "
            + "and test structures (overall and per config type), parity plots where present."),
        SELECT("select", "Selection paths", "Regularization paths of sieve select (adaptive group lasso) or a baseline "
            + "selection: validation objective and loss against the number of symmetry functions, and the "
            + "functions of the chosen sets drawn against r and θ."),
        REFIT("refit", "Refits: the seeds' table", "Chosen sets refitted without penalty on random splits: test "
            + "errors (mean ± std over the splits) and MD speed; learning curves of every split."),
        COMPARE("compare", "Method comparison", "Several selection methods' refit tables side by side, Welch t-tests "
            + "and the error–cost Pareto front."),
        STABILITY("stability", "Selection stability", "How often each candidate is selected across paths made on "
            + "different splits."),
        CORRELATION("correlation", "Correlation of candidates", "Pearson correlation of the candidate functions on "
            + "the training atoms, clusters of interchangeable functions and the alternatives of a selected set."),
        COST("bench cost", "MD cost of the candidates", "Measured force-kernel cost of subsets of the candidates and "
            + "the fitted cost model."),
        EVALUATE("evaluate", "Evaluation", "A model's errors on a data set (overall and per config type) and its "
            + "energy and force parity plots."),
        MD("md", "Molecular dynamics", "Temperature and energies of sieve md runs."),
        COMPARE_MD("compare-md", "MD against the reference", "The same NVT run with the potential and its reference: "
            + "radial distribution functions and bond-angle distributions.");

        final String command;
        final String title;
        final String blurb;

        Kind(String command, String title, String blurb) {
            this.command = command;
            this.title = title;
            this.blurb = blurb;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The kind of output in {@code dir}, from its files, or null when it is none Sieve writes. */
    static Kind recognise(Path dir) {
        if (has(dir, "path.json")) {
            return Kind.SELECT;
        }
        if (has(dir, "refit.json") || has(dir, "refit.md")) {
            return Kind.REFIT;
        }
        if (has(dir, "compare.json") || has(dir, "compare.md")) {
            return Kind.COMPARE;
        }
        if (has(dir, "stability.md")) {
            return Kind.STABILITY;
        }
        if (has(dir, "correlation.md")) {
            return Kind.CORRELATION;
        }
        if (has(dir, "cost.md") || has(dir, "cost.json")) {
            return Kind.COST;
        }
        if (has(dir, "rdf_compare.csv") || has(dir, "adf_compare.csv")) {
            return Kind.COMPARE_MD;
        }
        if (has(dir, "input.nn") && (has(dir, "learning_curve.csv") || has(dir, "metrics.json"))) {
            return Kind.TRAIN;
        }
        if (has(dir, "metrics.json") || has(dir, "metrics.md")) {
            return Kind.EVALUATE;
        }
        if (has(dir, "thermo.csv")) {
            return Kind.MD;
        }
        return null;
    }

    static boolean has(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    /**
     * The inputs a directory argument stands for: itself when recognised, else its recognised subdirectories (one
     * level, sorted by name; e.g. a demo's output directory), else none (the caller warns).
     *
     * @throws InputException when the directory does not exist
     */
    static List<ReportInput> of(Path dir, String label) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(label, -1, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        Kind k = recognise(dir);
        List<ReportInput> out = new ArrayList<>();
        if (k != null) {
            out.add(new ReportInput(dir, label, k, run(dir)));
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
                Kind ck = recognise(c);
                if (ck != null) {
                    String l = label.endsWith("/") ? label + c.getFileName() : label + "/" + c.getFileName();
                    out.add(new ReportInput(c, l, ck, run(c)));
                }
            }
        } catch (IOException e) {
            throw new InputException(label, -1, "cannot list directory: " + e.getMessage());
        }
        return out;
    }

    /** The run.json of a directory, or null when it has none; a broken one is a user error naming it. */
    static RunInfo.Recorded run(Path dir) {
        return RunInfo.exists(dir) ? RunInfo.read(dir) : null;
    }

    /** A text file, or null when absent. */
    static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), -1, "cannot read: " + e.getMessage());
        }
    }

    /** A CSV file: header then rows, split on commas (Sieve's CSVs have no quoted commas). */
    static List<String[]> csv(Path file) {
        String t = text(file);
        List<String[]> rows = new ArrayList<>();
        if (t != null) {
            t.lines().filter(l -> !l.isBlank()).forEach(l -> rows.add(l.split(",", -1)));
        }
        return rows;
    }

    /** The column of a CSV (header row first) as numbers; NaN for empty or unparsable cells. */
    static double[] column(List<String[]> csv, String name) {
        if (csv.isEmpty()) {
            return new double[0];
        }
        int c = List.of(csv.get(0)).indexOf(name);
        double[] v = new double[csv.size() - 1];
        for (int i = 1; i < csv.size(); i++) {
            String[] r = csv.get(i);
            try {
                v[i - 1] = c >= 0 && c < r.length && !r[c].isBlank() ? Double.parseDouble(r[c]) : Double.NaN;
            } catch (NumberFormatException e) {
                v[i - 1] = Double.NaN;
            }
        }
        return v;
    }
}
