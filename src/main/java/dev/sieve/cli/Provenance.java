package dev.sieve.cli;

import dev.sieve.results.RunInfo;
import java.io.File;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a command's {@code run.json} provenance is started: the command name, the
 * command line as given, and every option with the value the command actually runs with, read
 * from picocli's model of the parsed command rather than typed by hand.
 *
 * <p>Use it at the top of {@code call()}, before the command changes any of its option fields:
 * <pre>{@code
 * @Spec CommandSpec spec;
 *
 * public Integer call() {
 *     RunInfo run = Provenance.runInfo(spec);
 *     ...
 *     run.timing("train", seconds).result("structures", n);   // derived values: results, not options
 *     run.write(outDir);
 * }
 * }</pre>
 *
 * <p>What is recorded:
 * <ul>
 *   <li>{@code command}: the subcommand path below {@code sieve}, e.g. {@code evaluate} or
 *       {@code bench descriptors};</li>
 *   <li>{@code args}: picocli's {@code originalArgs()}, the arguments as typed after the program
 *       name (so they start with the subcommand name); empty when the command was not parsed from
 *       a command line;</li>
 *   <li>{@code options}: every option of the command, including those of its mixins (e.g.
 *       {@link ReadOptionsMixin}, {@link PotentialOptions}), keyed by its longest name without
 *       leading dashes and with {@code -} turned into {@code _} ({@code --length-unit} becomes
 *       {@code length_unit}), then every positional parameter keyed by its label in lower case
 *       ({@code FILE} becomes {@code file}). The value is the effective one: as given, else the
 *       default; null when neither. Paths become strings, enums their names, collections and
 *       arrays lists. Only {@code --help} and {@code --version} are left out (they never reach
 *       {@code call()}).</li>
 * </ul>
 * Values the command computes from its options (a resolved element list, a default output
 * directory, a lattice constant) belong in {@link RunInfo#result}, so that {@code options}
 * always holds what was parsed.
 */
final class Provenance {
    private Provenance() {}

    /** A {@link RunInfo} with the command name, the original arguments and every option (see the class comment). */
    public static RunInfo runInfo(CommandSpec spec) {
        RunInfo run = new RunInfo(commandName(spec), originalArgs(spec));
        options(spec).forEach(run::option);
        return run;
    }

    /** The effective value of every option and positional parameter, in declaration order (see the class comment). */
    public static Map<String, Object> options(CommandSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                Object v = o.getValue();
                m.put(key(o), plain(v == null && o.arity().max() == 0 ? Boolean.FALSE : v));
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            m.putIfAbsent(key(p), plain(p.getValue()));
        }
        return m;
    }

    /** The subcommand path below the root command, e.g. {@code evaluate}; the root's own name for the root. */
    static String commandName(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec c = spec; c.parent() != null; c = c.parent()) {
            names.add(0, c.name());
        }
        return names.isEmpty() ? spec.name() : String.join(" ", names);
    }

    private static List<String> originalArgs(CommandSpec spec) {
        ParseResult pr = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
        return pr == null ? List.of() : pr.originalArgs();
    }

    private static String key(ArgSpec a) {
        if (a instanceof OptionSpec o) {
            return o.longestName().replaceFirst("^-+", "").replace('-', '_');
        }
        String label = a.paramLabel().replaceAll("^<|>$", "");
        return label.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** A JSON-friendly form of an option value. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Path p) {
            return p.toString();
        }
        if (v instanceof File f) {
            return f.getPath();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Collection<?> c) {
            List<Object> l = new ArrayList<>(c.size());
            c.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (v instanceof Map<?, ?> mv) {
            Map<String, Object> m = new LinkedHashMap<>();
            mv.forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
            return m;
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                l.add(plain(Array.get(v, i)));
            }
            return l;
        }
        return v.toString();
    }
}
