package dev.sieve.cli;

import dev.sieve.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve report}: one self-contained HTML report from output directories. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"One self-contained HTML report (figures embedded, readable offline) from any mix of output "
        + "directories of train, select, refit, compare, stability, correlation, bench cost, evaluate, md and "
        + "compare-md, each recognised by its files: learning curves and error tables, the regularization path with "
        + "the refitted points marked, the selected symmetry functions drawn against r and theta, the seeds' table "
        + "with MD speed, parity plots, comparisons, RDF/ADF, and the provenance of every run.",
        "A directory Sieve did not write is searched one level down (e.g. a demo's output directory) and otherwise "
        + "skipped with a warning. Every figure is also written as PNG and SVG into NAME_files/ beside the report."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Output directories of Sieve commands.")
    List<Path> dirs;

    @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE",
        description = "The HTML file (default ${DEFAULT-VALUE}); figures go to FILE's name + _files/.")
    Path out;

    @Option(names = "--title", defaultValue = "Sieve report", paramLabel = "TEXT",
        description = "Title of the report (default ${DEFAULT-VALUE}).")
    String title;

    @Override
    public Integer call() {
        HtmlReport.Result r = HtmlReport.write(dirs, out, title);
        for (String w : r.warnings()) {
            System.err.println("sieve: warning: " + w);
        }
        System.out.printf("report of %d output director%s with %d figures: %s (PNG and SVG in %s)%n", r.inputs(),
            r.inputs() == 1 ? "y" : "ies", r.figures(), r.html(), r.files());
        return 0;
    }
}
