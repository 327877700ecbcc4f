package dev.sieve.cli;

import dev.sieve.config.Setting;
import dev.sieve.md.MdSettings;
import dev.sieve.select.PathSettings;
import dev.sieve.train.TrainSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} in sections: a command's essential options first (data, SF set, network, forces, output, threads,
 * seed, ...), then the rest under the heading of their group (Optimizer, Kalman filter, Early stopping, Selection
 * path, ...), as the settings catalogues declare them.
 */
final class HelpSections {
    private HelpSections() {}

    /** The options each command lists first; a command not named here lists all its options together. */
    static final Map<String, List<String>> ESSENTIAL = Map.of(
        "train", List.of("--data", "--test", "--validation", "--sf", "--out", "--hidden", "--forces", "--optimizer",
            "--epochs", "--threads", "--seed", "--config", "--print-config", "--resume"),
        "select", List.of("--data", "--sf", "--out", "--method", "--counts", "--min-features", "--hidden",
            "--forces", "--fit-epochs", "--threads", "--seed", "--config", "--print-config", "--resume"),
        "refit", List.of("--path", "--choose", "--test", "--out", "--splits", "--forces", "--optimizer", "--epochs",
            "--threads", "--config", "--print-config", "--resume"),
        "md", List.of("--model", "--potential", "--structure", "--steps", "--ensemble", "--temperature", "--dt",
            "--out", "--threads", "--seed", "--config", "--print-config", "--resume"));

    static final String IO = "Input and output";
    static final String READING = "Reading structures";
    static final String MD_SPEED = "MD speed column";

    /** Groups of options that are not catalogue settings. */
    private static final Map<String, String> OTHER_GROUPS = Map.ofEntries(Map.entry("--from", READING),
        Map.entry("--types", READING), Map.entry("--energy-key", READING), Map.entry("--vasp-energy", READING),
        Map.entry("--cost-structure", PathSettings.COST), Map.entry("--md-structure", MD_SPEED),
        Map.entry("--md-steps", MD_SPEED), Map.entry("--md-warmup", MD_SPEED), Map.entry("--md-repeats", MD_SPEED),
        Map.entry("--md-threads", MD_SPEED), Map.entry("--md-temperature", MD_SPEED));

    /** The settings catalogues whose options a command has. */
    static List<Setting<?>> catalogue(CommandSpec spec) {
        return switch (spec.name()) {
            case "train", "refit" -> TrainSettings.ALL;
            case "select" -> SelectCommand.CATALOGUE;
            case "md" -> MdSettings.ALL;
            case "compare-md" -> MdSettings.COMPARE;
            default -> List.of();
        };
    }

    /** The catalogue setting of option {@code name} in {@code spec}, or null. */
    static Setting<?> setting(CommandSpec spec, String name) {
        for (Setting<?> s : catalogue(spec)) {
            if (name.equals("--" + s.key())) {
                return s;
            }
        }
        return null;
    }

    /** The heading an option is listed under in {@code spec}'s help ("" = the essential list). */
    static String groupOf(CommandSpec spec, OptionSpec o) {
        List<String> essential = ESSENTIAL.get(spec.name());
        String name = o.longestName();
        if (essential == null || essential.contains(name) || name.equals("--help") || name.equals("--version")) {
            return "";
        }
        Setting<?> s = setting(spec, name);
        if (s != null) {
            return s.group();
        }
        return OTHER_GROUPS.getOrDefault(name, IO);
    }

    /** {@code spec}'s options in help order: the essential ones (in their listed order), then group by group. */
    static List<OptionSpec> ordered(CommandSpec spec) {
        List<String> essential = ESSENTIAL.getOrDefault(spec.name(), List.of());
        List<OptionSpec> first = new ArrayList<>();
        for (String n : essential) {
            OptionSpec o = spec.findOption(n);
            if (o != null) {
                first.add(o);
            }
        }
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (first.contains(o)) {
                continue;
            }
            String g = groupOf(spec, o);
            if (g.isEmpty()) {
                first.add(o);
            } else {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(o);
            }
        }
        List<OptionSpec> all = new ArrayList<>(first);
        groups.values().forEach(all::addAll);
        return all;
    }

    /** Installs the sectioned option list on every subcommand of {@code cl} that names its essential options. */
    static void install(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (ESSENTIAL.containsKey(sub.getCommandName())) {
                Map<String, CommandLine.IHelpSectionRenderer> m = new LinkedHashMap<>(sub.getHelpSectionMap());
                m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpSections::render);
                sub.setHelpSectionMap(m);
            }
        }
    }

    private static String render(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder sb = new StringBuilder();
        Help.Layout layout = help.createDefaultLayout();
        String group = "";
        for (OptionSpec o : ordered(spec)) {
            if (o.hidden()) {
                continue;
            }
            String g = groupOf(spec, o);
            if (!g.equals(group)) {
                sb.append(layout);
                sb.append(String.format("%n%s:%n", g));
                layout = help.createDefaultLayout();
                group = g;
            }
            layout.addOption(o, help.parameterLabelRenderer());
        }
        sb.append(layout);
        return sb.toString();
    }
}
