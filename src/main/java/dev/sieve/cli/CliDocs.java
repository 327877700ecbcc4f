package dev.sieve.cli;

import dev.sieve.config.Range;
import dev.sieve.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line reference (docs/cli.md), made from the picocli model and the settings catalogues: one section
 * per command with its description, then a table per option group (option, default, allowed values, unit,
 * documentation). Regenerate with {@code java -cp target/sieve.jar dev.sieve.cli.CliDocs docs/cli.md}; a test fails
 * when the file is out of date.
 */
public final class CliDocs {
    private CliDocs() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/cli.md"), markdown());
    }

    /** The whole reference page. */
    public static String markdown() {
        CommandLine root = new CommandLine(new Main());
        StringBuilder sb = new StringBuilder();
        sb.append("# Command-line reference\n\n");
        sb.append("Generated from the command-line model and the settings catalogues (`train.TrainSettings`, "
            + "`select.PathSettings`, `md.MdSettings`) by `dev.sieve.cli.CliDocs`; do not edit by hand. Every "
            + "command also prints this with `--help`. The commands that take `--config FILE` (train, select, refit, "
            + "md) read the same keys without the dashes from a YAML or JSON file, and `--print-config` writes every "
            + "effective setting in that form.\n\n");
        for (CommandLine c : root.getSubcommands().values()) {
            if (!c.getCommandName().equals("help")) {
                sb.append("- [`sieve ").append(c.getCommandName()).append("`](#sieve-")
                    .append(c.getCommandName()).append(")\n");
            }
        }
        for (CommandLine c : root.getSubcommands().values()) {
            if (!c.getCommandName().equals("help")) {
                command(sb, c.getCommandSpec(), "sieve " + c.getCommandName(), 2);
            }
        }
        return sb.toString();
    }

    private static void command(StringBuilder sb, CommandSpec spec, String name, int level) {
        sb.append('\n').append("#".repeat(level)).append(" ").append(name).append("\n\n");
        for (String d : spec.usageMessage().description()) {
            sb.append(text(d)).append("\n\n");
        }
        if (!spec.positionalParameters().isEmpty()) {
            sb.append("Arguments: ");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                sb.append('`').append(p.paramLabel()).append("` ").append(text(String.join(" ", p.description())))
                    .append(' ');
            }
            sb.append("\n\n");
        }
        String group = null;
        for (OptionSpec o : HelpSections.ordered(spec)) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String g = HelpSections.groupOf(spec, o);
            if (!g.equals(group)) {
                sb.append(group == null ? "" : "\n").append("**").append(g.isEmpty() ? "Options" : g).append("**\n\n");
                sb.append("| option | default | allowed | unit | description |\n|---|---|---|---|---|\n");
                group = g;
            }
            row(sb, o, HelpSections.setting(spec, o.longestName()));
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            sb.append('\n');
            for (String f : footer) {
                if (!f.isBlank()) {
                    sb.append(text(f)).append("\n\n");
                }
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                command(sb, sub.getCommandSpec(), name + " " + sub.getCommandName(), level + 1);
            }
        }
    }

    private static void row(StringBuilder sb, OptionSpec o, Setting<?> s) {
        String label = o.arity().max() == 0 ? "" : "=" + o.paramLabel();
        sb.append("| `").append(String.join(", ", o.names())).append(cell(label)).append("` | ");
        if (s != null) {
            String d = s.kind() == Setting.Kind.FLAG ? "off" : s.defaultText() == null ? "–" : s.defaultText();
            sb.append(cell(d.isEmpty() ? "(empty)" : d)).append(" | ")
                .append(cell(!s.choices().isEmpty() ? String.join(", ", s.choices())
                    : s.range().equals(Range.ANY) ? "" : s.range().toString())).append(" | ")
                .append(cell(s.unit().equals("-") ? "" : s.unit())).append(" | ")
                .append(cell(s.doc() + (s.details().isEmpty() ? "" : " " + s.details()))).append(" |\n");
        } else {
            String d = o.arity().max() == 0 ? "off" : o.defaultValue() == null ? "–" : o.defaultValue();
            sb.append(cell(d)).append(" |  |  | ").append(cell(text(String.join(" ", o.description()))
                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())))).append(" |\n");
        }
    }

    private static String text(String s) {
        return s.replace("%n", " ").replace("%%", "%").strip();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
