package dev.sieve.report;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code sieve report}: one self-contained HTML file from any mix of Sieve output directories (train, select,
 * refit, compare, stability, correlation, bench cost, evaluate, md, compare-md), each recognised by its files.
 * Figures are embedded as base64 PNG data URIs and also kept as PNG and SVG in {@code NAME_files/} beside the
 * report; a Content-Security-Policy forbids every external load, so the file reads the same offline. Sections
 * appear only for what exists; a directory Sieve did not write is skipped with a warning.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /**
     * What was written.
     *
     * @param html     the report
     * @param files    the directory with every figure as PNG and SVG
     * @param inputs   recognised output directories
     * @param figures  figures embedded
     * @param warnings one line per directory that was skipped
     */
    public record Result(Path html, Path files, int inputs, int figures, List<String> warnings) {}

    /** The figures directory of a report file: {@code report.html} → {@code report_files}. */
    public static Path filesDir(Path html) {
        String name = html.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path parent = html.toAbsolutePath().getParent();
        return parent.resolve((dot > 0 ? name.substring(0, dot) : name) + "_files");
    }

    /**
     * Writes the report.
     *
     * @param dirs  output directories as given (a directory Sieve did not write is searched one level down)
     * @param out   the HTML file
     * @param title the report's title
     * @throws dev.sieve.core.InputException when a directory does not exist or a file in it is broken
     */
    public static Result write(List<Path> dirs, Path out, String title) {
        List<ReportInput> inputs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path d : dirs) {
            List<ReportInput> found = ReportInput.of(d, d.toString());
            if (found.isEmpty()) {
                warnings.add(d + ": not a Sieve output directory (no metrics.json, path.json, refit.json, "
                    + "compare.md, stability.md, correlation.md, cost.md, thermo.csv or rdf_compare.csv); skipped");
            }
            for (ReportInput in : found) {
                if (seen.add(SelectionSections.real(in.dir()))) {
                    inputs.add(in);
                }
            }
        }
        Path files = filesDir(out);
        guardOutputs(dirs, inputs, out, files);
        clearFigures(files);
        ReportFigures figs = new ReportFigures(files);
        String html = render(inputs, figs, title, warnings);
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFile.writeString(out, html);
        return new Result(out, files, inputs.size(), figs.count(), warnings);
    }

    /**
     * Globs (relative to an input directory) of the files the report reads from it: the files that recognise it,
     * its run.json, the section's data and figures, a path's candidates and point sets, a refit's split curves.
     */
    static final List<String> READS = List.of("path.json", "candidates.yaml", "points/**", "refit.json", "refit.md",
        "*/split-*/learning_curve.csv", "compare.json", "compare.md", "stability.md", "correlation.md", "cost.md",
        "cost.json", "rdf_compare.csv", "adf_compare.csv", "input.nn", "learning_curve.csv", "metrics.json",
        "metrics.md", "thermo.csv", "rdf.csv", "run.json", "*.png", "*.svg");

    /**
     * Refuses (one line, exit 2) an HTML file that is one of the input directories or a file the report reads from
     * one, and a figures directory that is an input directory (whose figures it would delete and overwrite).
     */
    private static void guardOutputs(List<Path> dirs, List<ReportInput> inputs, Path out, Path files) {
        List<OutputGuard.Input> read = new ArrayList<>();
        for (Path d : dirs) {
            read.add(OutputGuard.directory("DIR", d, READS));
        }
        for (ReportInput in : inputs) {
            read.add(OutputGuard.directory("DIR", in.dir(), READS));
        }
        OutputGuard.requireFile("--out", out, read);
        OutputGuard.requireDirectory("--out " + out + ": its figures directory", files, List.of("*.png", "*.svg"),
            read);
    }

    private static void clearFigures(Path files) {
        if (!Files.isDirectory(files)) {
            return;
        }
        try (Stream<Path> s = Files.list(files)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".svg")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<ReportInput> inputs, ReportFigures figs, String title, List<String> warnings) {
        Map<ReportInput.Kind, List<ReportInput>> byKind = new EnumMap<>(ReportInput.Kind.class);
        for (ReportInput in : inputs) {
            byKind.computeIfAbsent(in.kind(), k -> new ArrayList<>()).add(in);
        }
        Map<Path, Map<String, Integer>> chosen = SelectionSections.chosen(inputs);
        Html body = new Html();
        Html toc = new Html();
        toc.raw("<nav class=\"toc\"><h2>Contents</h2>\n<ol>\n");
        int sub = 0;
        for (Map.Entry<ReportInput.Kind, List<ReportInput>> e : byKind.entrySet()) {
            ReportInput.Kind k = e.getKey();
            body.raw("<section id=\"").raw(k.id()).raw("\">\n<h2>").text(k.title).raw("</h2>\n");
            body.p("what", k.blurb);
            toc.raw("<li><a href=\"#").raw(k.id()).raw("\">").text(k.title).raw("</a><ol>\n");
            for (ReportInput in : e.getValue()) {
                String id = k.id() + "-" + (++sub);
                body.raw("<h3 id=\"").raw(id).raw("\">").text(in.label()).raw("</h3>\n");
                toc.raw("<li><a href=\"#").raw(id).raw("\">").text(in.label()).raw("</a></li>\n");
                body.raw(section(in, figs, chosen));
            }
            body.raw("</section>\n");
            toc.raw("</ol></li>\n");
        }
        if (!inputs.isEmpty()) {
            body.raw(ProvenanceSection.html(inputs));
            toc.raw("<li><a href=\"#provenance\">Provenance</a></li>\n");
        }
        toc.raw("</ol>\n</nav>\n");
        return page(title, inputs, warnings, toc.toString(), body.toString());
    }

    private static String section(ReportInput in, ReportFigures figs, Map<Path, Map<String, Integer>> chosen) {
        return switch (in.kind()) {
            case TRAIN -> RunSections.train(in, figs);
            case SELECT -> SelectionSections.select(in, figs,
                chosen.getOrDefault(SelectionSections.real(in.dir()), Map.of()));
            case REFIT -> SelectionSections.refit(in, figs);
            case COMPARE -> RunSections.markdownAndFigures(in, figs, "compare.md", "{compare,compare_forces,pareto}.png");
            case STABILITY -> RunSections.markdownAndFigures(in, figs, "stability.md", "stability.png");
            case CORRELATION -> RunSections.markdownAndFigures(in, figs, "correlation.md", "correlation_*.png");
            case COST -> RunSections.markdownAndFigures(in, figs, "cost.md", null);
            case EVALUATE -> RunSections.evaluate(in, figs);
            case MD -> RunSections.md(in, figs);
            case COMPARE_MD -> RunSections.compareMd(in, figs);
        };
    }

    private static String page(String title, List<ReportInput> inputs, List<String> warnings, String toc,
                               String body) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\" />\n");
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.raw("<meta name=\"generator\" content=\"sieve ").text(Version.get()).raw("\" />\n");
        h.el("title", title);
        h.raw("<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n<header>\n");
        h.el("h1", title);
        h.p("meta", "Generated " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z",
            Locale.ROOT)) + " by Sieve " + Version.get() + " from " + inputs.size() + " output director"
            + (inputs.size() == 1 ? "y" : "ies") + ". Self-contained: every figure is embedded; PNG and SVG copies "
            + "are in the _files directory beside this file.");
        for (String w : warnings) {
            h.p("warn", "Warning: " + w);
        }
        if (inputs.isEmpty()) {
            h.p("warn", "No Sieve output directory was given; nothing to report.");
        }
        h.raw("</header>\n").raw(toc).raw("<main>\n").raw(body).raw("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** No scripts, no external loads: images only from data: URIs, styles only inline. */
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    static final String CSS = """
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: #1d232a; background: #fff; margin: 0 auto; max-width: 1100px; padding: 0 24px 48px; }
        header { border-bottom: 2px solid #2c6fbb; margin-bottom: 16px; }
        h1 { font-size: 1.8em; margin: 24px 0 4px; color: #17407a; }
        h2 { font-size: 1.4em; margin: 40px 0 6px; padding-bottom: 4px; border-bottom: 1px solid #d5dbe3;
             color: #17407a; }
        h3 { font-size: 1.12em; margin: 26px 0 8px; font-family: ui-monospace, Menlo, Consolas, monospace;
             color: #333; }
        h4 { font-size: 1em; margin: 18px 0 6px; }
        h5 { font-size: 0.95em; margin: 14px 0 4px; }
        p.meta { color: #555; margin-top: 0; }
        p.what { color: #4a5560; font-style: italic; margin-top: 0; }
        p.summary { background: #f3f6fa; border-left: 4px solid #2c6fbb; padding: 6px 10px; }
        p.warn { background: #fff6e0; border-left: 4px solid #e0a000; padding: 6px 10px; }
        p.note { color: #555; font-size: 0.92em; }
        nav.toc { background: #f7f9fb; border: 1px solid #dde3ea; border-radius: 6px; padding: 4px 18px 10px; }
        nav.toc h2 { font-size: 1.1em; border: 0; margin: 10px 0 4px; }
        nav.toc ol { margin: 2px 0; padding-left: 22px; }
        nav.toc ol ol { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
        a { color: #2c6fbb; text-decoration: none; }
        a:hover { text-decoration: underline; }
        table { border-collapse: collapse; margin: 10px 0 16px; font-size: 0.88em; display: block;
                overflow-x: auto; max-width: 100%; }
        th, td { border: 1px solid #d5dbe3; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #eef2f7; font-weight: 600; }
        tbody tr:nth-child(even) { background: #fafbfd; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.c { text-align: center; }
        code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
        code { background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
        pre { background: #f6f8fa; border: 1px solid #e1e4e8; padding: 8px 10px; white-space: pre-wrap;
              word-break: break-all; }
        figure { margin: 14px 0 22px; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e3e7ec; }
        figcaption { color: #555; font-size: 0.9em; }
        figcaption .file { color: #999; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
        details { margin: 6px 0 12px; }
        summary { cursor: pointer; color: #2c6fbb; }
        dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 0.9em; }
        dl.kv dt { color: #555; }
        dl.kv dd { margin: 0; }
        @media print { nav.toc { display: none; } figure { break-inside: avoid; } }
        """;
}
