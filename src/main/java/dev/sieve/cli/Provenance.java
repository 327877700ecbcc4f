package dev.sieve.cli;

import dev.sieve.report.RunInfo;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** run.json provenance from the parsed command line: the command, its arguments and every option's value. */
final class Provenance {
    private Provenance() {}

    /** A RunInfo recording every option of {@code spec} (given or defaulted) with its effective value. */
    static RunInfo runInfo(CommandSpec spec) {
        List<String> args = spec.commandLine() == null || spec.commandLine().getParseResult() == null ? List.of()
            : spec.commandLine().getParseResult().originalArgs();
        RunInfo r = new RunInfo(spec.qualifiedName().replaceFirst("^sieve ", ""), args);
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            r.option(o.longestName().replaceFirst("^-+", ""), v instanceof Path p ? p.toString() : v);
        }
        return r;
    }
}
