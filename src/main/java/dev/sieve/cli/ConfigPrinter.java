package dev.sieve.cli;

import dev.sieve.config.SettingValues;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --print-config}: every effective setting of a command (command line, config file and defaults merged) as a
 * YAML file that {@code --config} reads back to the same settings, grouped as in {@code --help}.
 */
final class ConfigPrinter {
    @Option(names = "--print-config", description = "Print every effective setting (defaults, --config file and "
        + "command line merged) as a YAML file that --config reads back, and exit without running.")
    boolean printConfig;

    /** Options that are actions, not settings. */
    static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", "--config", "--print-config", "--resume");

    /** Prints the settings when {@code --print-config} was given; returns whether it was. */
    boolean printed(CommandSpec spec, PrintStream out) {
        if (!printConfig) {
            return false;
        }
        out.print(yaml(spec));
        out.flush();
        return true;
    }

    /** The YAML text of {@code spec}'s parsed options. */
    static String yaml(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("# sieve ").append(spec.name()).append(" settings (sieve ").append(Main.version())
            .append("); run with: sieve ").append(spec.name()).append(" --config FILE\n");
        String group = null;
        for (OptionSpec o : HelpSections.ordered(spec)) {
            if (o.hidden() || NOT_SETTINGS.contains(o.longestName())) {
                continue;
            }
            String g = HelpSections.groupOf(spec, o);
            if (!g.equals(group)) {
                sb.append("\n# ").append(g.isEmpty() ? "Essential settings" : g).append('\n');
                group = g;
            }
            Object v = o.getValue();
            if (v == null && o.arity().max() == 0) {
                v = Boolean.FALSE;
            }
            if (v instanceof java.nio.file.Path p) {
                v = p.toString();
            }
            if (v instanceof List<?> l) {
                v = l.stream().map(x -> x instanceof java.nio.file.Path p ? p.toString() : x).toList();
            }
            sb.append(SettingValues.yamlLine(o.longestName().substring(2), v)).append('\n');
        }
        return sb.toString();
    }
}
