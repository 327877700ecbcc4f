package dev.sieve.report;

import dev.sieve.core.AtomicFile;
import dev.sieve.results.ParityPlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The report's figures: each is written as PNG and SVG into the report's files directory ({@code report_files/}
 * beside {@code report.html}) and embedded into the HTML as a base64 PNG data URI, so the HTML alone is complete.
 */
final class ReportFigures {
    private final Path dir;
    private final Set<String> used = new HashSet<>();
    private int count;

    ReportFigures(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    int count() {
        return count;
    }

    /** A file stem made of the label and the name, unique within this report. */
    private String stem(String label, String name) {
        String base = (label + "-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
            .replaceAll("-{2,}", "-").replaceAll("^[-.]+|-+$", "");
        if (base.isEmpty()) {
            base = "figure";
        }
        String s = base;
        for (int k = 2; !used.add(s); k++) {
            s = base + "-" + k;
        }
        return s;
    }

    /** Saves a chart as PNG + SVG and returns the {@code <figure>} that embeds the PNG. */
    String chart(Chart<?, ?> chart, String label, String name, String caption) {
        String s = stem(label, name);
        ensureDir();
        ParityPlots.save(chart, dir, s);
        return figure(dir.resolve(s + ".png"), caption);
    }

    /**
     * Copies an existing figure (and its SVG twin when there is one) into the files directory and returns the
     * {@code <figure>} that embeds it, or an empty string when the PNG does not exist.
     */
    String existing(Path png, String label, String caption) {
        if (!Files.isRegularFile(png)) {
            return "";
        }
        String name = png.getFileName().toString().replaceAll("\\.png$", "");
        String s = stem(label, name);
        ensureDir();
        try {
            Files.copy(png, dir.resolve(s + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Path svg = png.resolveSibling(name + ".svg");
            if (Files.isRegularFile(svg)) {
                Files.copy(svg, dir.resolve(s + ".svg"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figure(dir.resolve(s + ".png"), caption);
    }

    private String figure(Path png, String caption) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        count++;
        String alt = caption == null ? png.getFileName().toString() : caption;
        return "<figure><img alt=\"" + Html.esc(alt) + "\" src=\"data:image/png;base64,"
            + Base64.getEncoder().encodeToString(bytes) + "\" />"
            + "<figcaption>" + Html.esc(caption == null ? "" : caption) + " <span class=\"file\">("
            + Html.esc(dir.getFileName() + "/" + png.getFileName() + (Files.isRegularFile(svgOf(png)) ? ", .svg" : ""))
            + ")</span></figcaption></figure>\n";
    }

    private static Path svgOf(Path png) {
        return png.resolveSibling(png.getFileName().toString().replaceAll("\\.png$", "") + ".svg");
    }

    private void ensureDir() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
