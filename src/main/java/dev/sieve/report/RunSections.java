package dev.sieve.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The report's sections for single runs: train, evaluate, md, compare-md, bench cost, and Markdown-only outputs. */
final class RunSections {
    private RunSections() {}

    /** A train directory: summary, error table, learning curve, parity plots. */
    static String train(ReportInput in, ReportFigures figs) {
        Html h = new Html();
        Path d = in.dir();
        JsonNode m = ReportInput.json(d.resolve("metrics.json"));
        if (!m.isMissingNode()) {
            h.p("summary", String.format(java.util.Locale.ROOT,
                "%d epochs, best epoch %d; %s%s. Structures: %d training, %d validation, %d test.",
                m.path("epochs").asInt(), m.path("best_epoch").asInt(),
                m.path("converged").asBoolean(true) ? "converged" : "NOT converged (the epoch limit ended it while "
                    + "the validation loss still fell)",
                m.path("stopped_early").asBoolean() ? ", stopped early" : "",
                m.path("structures").path("train").asInt(), m.path("structures").path("validation").asInt(),
                m.path("structures").path("test").asInt()));
            errorTable(h, m);
        }
        String lc = figs.existing(d.resolve("learning_curve.png"), in.label(), "Learning curve of " + in.label());
        if (lc.isEmpty() && ReportInput.has(d, "learning_curve.csv")) {
            List<String[]> csv = ReportInput.csv(d.resolve("learning_curve.csv"));
            Map<String, double[][]> s = new LinkedHashMap<>();
            double[] ep = ReportInput.column(csv, "epoch");
            s.put("training RMSE", new double[][] {ep, ReportInput.column(csv, "train_rmse_mev_per_atom")});
            s.put("validation RMSE", new double[][] {ep, ReportInput.column(csv, "val_rmse_mev_per_atom")});
            lc = figs.chart(ReportCharts.curves("Learning curve", "epoch", "energy RMSE (meV/atom)", s), in.label(),
                "learning_curve", "Learning curve of " + in.label());
        }
        h.raw(lc);
        parity(h, in, figs);
        return h.toString();
    }

    /** The error table of a metrics.json: every set, overall and per config type. */
    static void errorTable(Html h, JsonNode m) {
        List<List<String>> rows = new ArrayList<>();
        boolean forces = false;
        for (String set : List.of("train", "validation", "test")) {
            JsonNode s = m.path(set);
            if (s.isMissingNode() || s.isNull()) {
                continue;
            }
            forces |= s.path("overall").path("forceComponents").asLong() > 0;
            rows.add(errorRow(set, "all", s.path("overall")));
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("per_config_type").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                rows.add(errorRow(set, e.getKey(), e.getValue()));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("set", "config type", "structures", "E MAE (meV/atom)",
            "E RMSE (meV/atom)"));
        if (forces) {
            header.addAll(List.of("F MAE (eV/Å)", "F RMSE (eV/Å)"));
        } else {
            rows.replaceAll(r -> r.subList(0, 5));
        }
        h.table(header, rows);
    }

    private static List<String> errorRow(String set, String type, JsonNode e) {
        boolean f = e.path("forceComponents").asLong() > 0;
        return List.of(set, type, e.path("structures").asText(), Html.num(e.path("energyMaeMevPerAtom").asDouble()),
            Html.num(e.path("energyRmseMevPerAtom").asDouble()),
            f ? Html.num(e.path("forceMaeEvPerA").asDouble()) : "–",
            f ? Html.num(e.path("forceRmseEvPerA").asDouble()) : "–");
    }

    private static void parity(Html h, ReportInput in, ReportFigures figs) {
        h.raw(figs.existing(in.dir().resolve("parity_energy.png"), in.label(), "Energy parity, " + in.label()));
        h.raw(figs.existing(in.dir().resolve("parity_forces.png"), in.label(), "Force parity, " + in.label()));
    }

    /** An evaluate directory: its Markdown report and parity plots. */
    static String evaluate(ReportInput in, ReportFigures figs) {
        Html h = new Html();
        String md = ReportInput.text(in.dir().resolve("metrics.md"));
        if (md != null) {
            h.raw(MarkdownHtml.toHtml(md.replaceAll("(?m)^Parity plots:.*$", "")));
        } else {
            errorTable(h, ReportInput.json(in.dir().resolve("metrics.json")));
        }
        parity(h, in, figs);
        return h.toString();
    }

    /** An md directory: temperature and energies against time. */
    static String md(ReportInput in, ReportFigures figs) {
        Html h = new Html();
        List<String[]> csv = ReportInput.csv(in.dir().resolve("thermo.csv"));
        double[] t = ReportInput.column(csv, "time_ps");
        if (t.length == 0) {
            h.p("warn", "thermo.csv has no rows.");
            return h.toString();
        }
        double[] temp = ReportInput.column(csv, "temperature_K");
        double mean = 0;
        for (double v : temp) {
            mean += v / temp.length;
        }
        h.p("summary", String.format(java.util.Locale.ROOT, "%d thermo rows up to %.3f ps; mean temperature %.1f K.",
            t.length, t[t.length - 1], mean));
        Map<String, double[][]> ts = new LinkedHashMap<>();
        ts.put("temperature", new double[][] {t, temp});
        h.raw(figs.chart(linear(ReportCharts.curves("Temperature", "time (ps)", "T (K)", ts)), in.label(),
            "temperature", "Temperature of " + in.label()));
        Map<String, double[][]> es = new LinkedHashMap<>();
        es.put("potential", new double[][] {t, ReportInput.column(csv, "potential_eV")});
        es.put("total", new double[][] {t, ReportInput.column(csv, "total_eV")});
        es.put("conserved", new double[][] {t, ReportInput.column(csv, "conserved_eV")});
        h.raw(figs.chart(linear(ReportCharts.curves("Energies", "time (ps)", "energy (eV)", es)), in.label(),
            "energies", "Potential, total and conserved energy of " + in.label()));
        if (ReportInput.has(in.dir(), "rdf.csv")) {
            List<String[]> rdf = ReportInput.csv(in.dir().resolve("rdf.csv"));
            Map<String, double[][]> rs = new LinkedHashMap<>();
            rs.put("g(r)", new double[][] {ReportInput.column(rdf, "r_A"), ReportInput.column(rdf, "g")});
            h.raw(figs.chart(linear(ReportCharts.curves("Radial distribution function", "r (Å)", "g(r)", rs)),
                in.label(), "rdf", "Radial distribution function of " + in.label()));
        }
        return h.toString();
    }

    private static org.knowm.xchart.XYChart linear(org.knowm.xchart.XYChart c) {
        c.getStyler().setYAxisLogarithmic(false);
        return c;
    }

    /** A compare-md directory: the RDF and ADF figures and the run's summary numbers. */
    static String compareMd(ReportInput in, ReportFigures figs) {
        Html h = new Html();
        JsonNode c = in.run().path("results").path("comparison");
        if (!c.isMissingNode()) {
            h.p("summary", String.format(java.util.Locale.ROOT, "First RDF peak: potential %s Å (g = %s), "
                    + "reference %s Å (g = %s); largest |Δg| %s at %s Å; largest bond-angle density difference %s "
                    + "per degree.", Html.num(c.path("first_peak_hdnnp").path(0).asDouble(Double.NaN)),
                Html.num(c.path("first_peak_hdnnp").path(1).asDouble(Double.NaN)),
                Html.num(c.path("first_peak_reference").path(0).asDouble(Double.NaN)),
                Html.num(c.path("first_peak_reference").path(1).asDouble(Double.NaN)),
                Html.num(c.path("rdf_max_abs_difference").asDouble(Double.NaN)),
                Html.num(c.path("rdf_max_difference_at_A").asDouble(Double.NaN)),
                Html.num(c.path("adf_max_abs_difference_per_degree").asDouble(Double.NaN))));
        }
        h.raw(figs.existing(in.dir().resolve("rdf.png"), in.label(), "Radial distribution functions, " + in.label()));
        h.raw(figs.existing(in.dir().resolve("adf.png"), in.label(), "Bond-angle distributions, " + in.label()));
        return h.toString();
    }

    /** Directories whose content is Markdown plus figures: the Markdown file converted, then the figures. */
    static String markdownAndFigures(ReportInput in, ReportFigures figs, String markdown, String figureGlob) {
        Html h = new Html();
        String md = ReportInput.text(in.dir().resolve(markdown));
        if (md != null) {
            h.raw("<div class=\"md\">\n").raw(MarkdownHtml.toHtml(md)).raw("</div>\n");
        }
        for (Path png : pngs(in.dir(), figureGlob)) {
            h.raw(figs.existing(png, in.label(), png.getFileName().toString().replace(".png", "") + ", "
                + in.label()));
        }
        return h.toString();
    }

    /** The PNG files in {@code dir} matching a glob, sorted by name. */
    static List<Path> pngs(Path dir, String glob) {
        if (glob == null) {
            return List.of();
        }
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
