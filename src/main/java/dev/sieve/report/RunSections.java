package dev.sieve.report;

import dev.sieve.md.MdComparison;
import dev.sieve.results.ErrorStats;
import dev.sieve.train.MetricsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        if (MetricsFile.exists(d)) {
            MetricsFile m = MetricsFile.read(d);
            h.p("summary", String.format(java.util.Locale.ROOT,
                "%d epochs, best epoch %d; %s%s. Structures: %d training, %d validation, %d test.",
                m.epochs(), m.bestEpoch(),
                m.converged() == null || m.converged() ? "converged" : "NOT converged (the epoch limit ended it while "
                    + "the validation loss still fell)",
                m.stoppedEarly() ? ", stopped early" : "",
                m.structures().train(), m.structures().validation(), m.structures().test()));
            Map<String, MetricsFile.Errors> sets = new LinkedHashMap<>();
            sets.put("train", m.train());
            sets.put("validation", m.validation());
            sets.put("test", m.test());
            errorTable(h, sets);
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

    /** The error table of sets of structures (set name → errors, null for a set without structures). */
    static void errorTable(Html h, Map<String, MetricsFile.Errors> sets) {
        List<List<String>> rows = new ArrayList<>();
        boolean forces = false;
        for (Map.Entry<String, MetricsFile.Errors> s : sets.entrySet()) {
            MetricsFile.Errors e = s.getValue();
            if (e == null) {
                continue;
            }
            forces |= e.overall().forceComponents() > 0;
            rows.add(errorRow(s.getKey(), "all", e.overall()));
            e.perConfigType().forEach((type, summary) -> rows.add(errorRow(s.getKey(), type, summary)));
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

    private static List<String> errorRow(String set, String type, ErrorStats.Summary e) {
        boolean f = e.forceComponents() > 0;
        return List.of(set, type, String.valueOf(e.structures()), Html.num(e.energyMaeMevPerAtom()),
            Html.num(e.energyRmseMevPerAtom()), f ? Html.num(e.forceMaeEvPerA()) : "–",
            f ? Html.num(e.forceRmseEvPerA()) : "–");
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
        } else if (ReportInput.has(in.dir(), EvaluationReport.METRICS)) {
            EvaluationReport.Metrics m = EvaluationReport.read(in.dir());
            errorTable(h, Map.of("data", new MetricsFile.Errors(m.overall(), m.perConfigType())));
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
        MdComparison.Summary c = in.run() == null ? null : MdComparison.Summary.read(in.run());
        if (c != null) {
            h.p("summary", String.format(java.util.Locale.ROOT, "First RDF peak: potential %s Å (g = %s), "
                    + "reference %s Å (g = %s); largest |Δg| %s at %s Å; largest bond-angle density difference %s "
                    + "per degree.", Html.num(c.firstPeakModel()[0]), Html.num(c.firstPeakModel()[1]),
                Html.num(c.firstPeakReference()[0]), Html.num(c.firstPeakReference()[1]),
                Html.num(c.rdfMaxAbsDifference()), Html.num(c.rdfMaxDifferenceAt()),
                Html.num(c.adfMaxAbsDifferencePerDegree())));
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
