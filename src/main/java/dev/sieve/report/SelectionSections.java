package dev.sieve.report;

import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.select.PathFile;
import dev.sieve.select.PathPoint;
import dev.sieve.select.RefitFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The report's sections for selection outputs: paths with their chosen sets, and refits. */
final class SelectionSections {
    private SelectionSections() {}

    /** The points of a path.json. */
    static List<ReportCharts.PathPt> points(PathFile path) {
        List<ReportCharts.PathPt> out = new ArrayList<>();
        for (PathPoint p : path.points()) {
            if (!p.isSearch()) { // the search's losses come from other fits: not on the path's curve
                out.add(new ReportCharts.PathPt(p.index(), p.features(), p.valObjective(), p.valLoss()));
            }
        }
        return out;
    }

    /**
     * The chosen points of each selection path: for every refit among the inputs whose run.json names a path
     * directory that is among the inputs, its choices (label → point index) under that path's directory.
     */
    static Map<Path, Map<String, Integer>> chosen(List<ReportInput> inputs) {
        Map<Path, Map<String, Integer>> out = new LinkedHashMap<>();
        for (ReportInput r : inputs) {
            if (r.kind() != ReportInput.Kind.REFIT) {
                continue;
            }
            String p = pathOption(r);
            ReportInput sel = p.isEmpty() ? null : pathOf(inputs, p);
            if (sel == null) {
                continue;
            }
            Map<String, Integer> m = out.computeIfAbsent(real(sel.dir()), k -> new LinkedHashMap<>());
            for (RefitFile.Row row : rows(r)) {
                m.putIfAbsent(row.choice(), row.point());
            }
        }
        return out;
    }

    /** The rows of a refit input's refit.json (none when it has only refit.md). */
    private static List<RefitFile.Row> rows(ReportInput refit) {
        return RefitFile.exists(refit.dir()) ? RefitFile.read(refit.dir()).rows() : List.of();
    }

    /** The --path of a refit input as its run.json records it, or "" when it does not. */
    private static String pathOption(ReportInput refit) {
        String p = refit.run() == null ? null : refit.run().option("path");
        return p == null ? "" : p;
    }

    /** The select input a refit's --path refers to: the same directory, else the only one of that name. */
    private static ReportInput pathOf(List<ReportInput> inputs, String path) {
        Path target = real(Path.of(path));
        List<ReportInput> byName = new ArrayList<>();
        for (ReportInput in : inputs) {
            if (in.kind() != ReportInput.Kind.SELECT) {
                continue;
            }
            if (real(in.dir()).equals(target)) {
                return in;
            }
            if (in.dir().getFileName() != null && Path.of(path).getFileName() != null
                && in.dir().getFileName().toString().equals(Path.of(path).getFileName().toString())) {
                byName.add(in);
            }
        }
        return byName.size() == 1 ? byName.get(0) : null;
    }

    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** A select directory: summary, path figure, point table, the chosen sets drawn. */
    static String select(ReportInput in, ReportFigures figs, Map<String, Integer> chosenByRefit) {
        Html h = new Html();
        PathFile pj = PathFile.read(in.dir());
        String method = pj.method();
        List<ReportCharts.PathPt> pts = points(pj);
        int candidates = pts.isEmpty() ? 0 : pts.get(0).features();
        h.p("summary", String.format(Locale.ROOT, "Method %s; elements %s; %d candidates; %d points%s; %s s.",
            method, pj.elements() == null ? "" : String.join(", ", pj.elements()), candidates,
            pts.size(), pj.finished() ? "" : " (unfinished)",
            Html.num(pj.seconds())));
        Map<String, Integer> chosen = new LinkedHashMap<>(chosenByRefit);
        String why = "chosen by the refit";
        if (chosen.isEmpty()) {
            ReportCharts.PathPt best = null;
            for (ReportCharts.PathPt p : pts) {
                if (p.features() < candidates && Double.isFinite(p.valLoss())
                    && (best == null || p.valLoss() < best.valLoss())) {
                    best = p;
                }
            }
            if (best != null) {
                chosen.put("lowest validation loss", best.index());
            }
            why = "no refit of this path among the inputs; shown: the reduced set with the lowest validation loss";
        }
        String title = "Regularization path (" + method + ")";
        h.raw(figs.chart(ReportCharts.path(title, pts, chosenByRefit), in.label(), "path",
            title + ", " + in.label()));
        pointTable(h, pj);
        h.p("note", "Selected functions: " + why + ". Grey dashed: candidates not in the set.");
        drawSets(h, in, figs, pj, chosen);
        return h.toString();
    }

    private static void pointTable(Html h, PathFile pj) {
        List<List<String>> rows = new ArrayList<>();
        for (PathPoint p : pj.points()) {
            rows.add(List.of(p.index() + (p.isSearch() ? " (search)" : ""), Html.num(p.lambda()),
                String.valueOf(p.features()), String.valueOf(p.angular()),
                Html.num(p.valLoss()), Html.num(p.valObjective()),
                Html.num(p.valRmse())));
        }
        h.raw("<details><summary>Path points</summary>\n");
        h.table(List.of("point", "λ", "D", "D angular", "val loss", "val objective", "val RMSE (meV/atom)"), rows);
        h.raw("</details>\n");
    }

    private static void drawSets(Html h, ReportInput in, ReportFigures figs, PathFile pj, Map<String, Integer> chosen) {
        Path candFile = in.dir().resolve(pj.candidates() == null ? "candidates.yaml" : pj.candidates());
        if (!Files.isRegularFile(candFile)) {
            h.p("warn", "No candidates file; the selected functions are not drawn.");
            return;
        }
        SymmetryFunctionSet cands = SfSetFile.read(candFile);
        Map<Integer, String> byPoint = new LinkedHashMap<>();
        chosen.forEach((label, idx) -> byPoint.merge(idx, label, (a, b) -> a + ", " + b));
        for (Map.Entry<Integer, String> e : byPoint.entrySet()) {
            PathPoint p = null;
            for (PathPoint q : pj.points()) {
                if (q.index() == e.getKey()) {
                    p = q;
                }
            }
            Path setFile = p == null ? null : in.dir().resolve(p.setFile() == null ? "-" : p.setFile());
            if (setFile == null || !Files.isRegularFile(setFile)) {
                continue;
            }
            SymmetryFunctionSet set = SfSetFile.read(setFile);
            h.raw("<h4>").text(String.format(Locale.ROOT, "%s: point %d, %d of %d functions", e.getValue(),
                e.getKey(), set.totalSize(), cands.totalSize())).raw("</h4>\n");
            for (String el : cands.elements()) {
                HashSet<SymmetryFunction> on = new HashSet<>(set.functions().getOrDefault(el, List.of()));
                List<SymmetryFunction> all = cands.forElement(el);
                String tag = String.format(Locale.ROOT, "p%03d-%s", e.getKey(), el);
                if (all.stream().anyMatch(f -> f.type() == SymmetryFunction.RADIAL)) {
                    h.raw(figs.chart(ReportCharts.radial(el, all, on), in.label(), tag + "-radial",
                        "Radial functions of " + el + " at point " + e.getKey()));
                }
                if (all.stream().anyMatch(f -> f.type() != SymmetryFunction.RADIAL)) {
                    h.raw(figs.chart(ReportCharts.angular(el, all, on), in.label(), tag + "-angular",
                        "Angular functions of " + el + " at point " + e.getKey()));
                }
            }
        }
    }

    /** A refit directory: the seeds' table, the path it came from, learning curves of every split. */
    static String refit(ReportInput in, ReportFigures figs) {
        Html h = new Html();
        String path = pathOption(in);
        if (!path.isEmpty()) {
            h.p("summary", "Refit of the path " + path + ".");
        }
        String md = ReportInput.text(in.dir().resolve("refit.md"));
        if (md != null) {
            h.raw("<div class=\"md\">\n").raw(MarkdownHtml.toHtml(md)).raw("</div>\n");
        }
        Map<String, double[][]> curves = new LinkedHashMap<>();
        List<String> choices = new ArrayList<>();
        for (RefitFile.Row row : rows(in)) {
            choices.add(row.choice());
        }
        for (String c : choices) {
            Path cdir = in.dir().resolve(c.replace(':', '_'));
            for (Path split : splits(cdir)) {
                List<String[]> csv = ReportInput.csv(split.resolve("learning_curve.csv"));
                if (csv.size() > 1) {
                    curves.put(c + " " + split.getFileName(), new double[][] {ReportInput.column(csv, "epoch"),
                        ReportInput.column(csv, "val_rmse_mev_per_atom")});
                }
            }
        }
        if (!curves.isEmpty()) {
            h.raw(figs.chart(ReportCharts.curves("Refit learning curves (validation)", "epoch",
                "validation energy RMSE (meV/atom)", curves), in.label(), "learning_curves",
                "Validation learning curves of every refit split, " + in.label()));
        }
        return h.toString();
    }

    private static List<Path> splits(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("split-") && Files.isDirectory(p))
                .sorted((a, b) -> Integer.compare(splitNo(a), splitNo(b))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int splitNo(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString().substring(6));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
