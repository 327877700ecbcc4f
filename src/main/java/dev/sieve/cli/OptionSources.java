package dev.sieve.cli;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values from somewhere else than the command line - a {@code --config} file, the settings a selection path
 * was made with - merged under the command line: the other source's options come first, the command line's after
 * them, and the command is parsed again (the command line wins).
 */
final class OptionSources {
    private OptionSources() {}

    /** The options of a YAML or JSON config file (keys = option names without dashes; lists allowed). */
    static Map<String, Object> readConfigFile(Path config) {
        String name = config.getFileName() == null ? "" : config.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(config)) {
            throw new InputException("--config " + config + ": no such file");
        }
        JsonNode root;
        try {
            ObjectMapper om = name.endsWith(".json") ? Json.JSON : Json.YAML;
            root = om.readTree(config.toFile());
        } catch (IOException e) {
            long ln = dev.sieve.core.Messages.line(e);
            throw new InputException("--config " + config + (ln > 0 ? ":" + ln : "") + ": "
                + dev.sieve.core.Messages.reason(e));
        }
        if (root == null || !root.isObject()) {
            throw new InputException("--config " + config + ": expected a mapping of option names to values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                m.put(f.getKey(), parts);
            } else if (v.isBoolean()) {
                m.put(f.getKey(), v.booleanValue());
            } else if (v.isValueNode()) {
                m.put(f.getKey(), v.asText());
            } else {
                throw new InputException("--config " + config + ": option '" + f.getKey() + "' needs a value or a "
                    + "list, got " + v);
            }
        }
        return m;
    }

    /**
     * Parses {@code fresh} (a new instance of the command of {@code spec}) from {@code base} followed by the
     * command line's own arguments (without {@code --config}), and runs it.
     *
     * @param origin names the source in messages (e.g. "--config run.yaml")
     * @param strict unknown keys are an error (else skipped)
     */
    static Integer rerun(CommandSpec spec, Map<String, ?> base, String origin, boolean strict,
                         Callable<Integer> fresh) throws Exception {
        // options the command line gives replace the other source's value (list options would otherwise be joined)
        java.util.Set<String> given = new java.util.HashSet<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            given.add(o.longestName());
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ?> f : base.entrySet()) {
            OptionSpec o = spec.findOption(f.getKey().startsWith("--") ? f.getKey() : "--" + f.getKey());
            if (o == null || !given.contains(o.longestName())) {
                rest.put(f.getKey(), f.getValue());
            }
        }
        List<String> args = toArgs(spec, rest, origin, strict);
        args.addAll(ownArgs(spec));
        CommandLine cl = new CommandLine(fresh);
        cl.setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new InputException(origin + ": " + e.getMessage());
        }
        return fresh.call();
    }

    /** {@code --key value} arguments of {@code base} for the options of {@code spec}. */
    static List<String> toArgs(CommandSpec spec, Map<String, ?> base, String origin, boolean strict) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, ?> f : base.entrySet()) {
            String key = f.getKey().startsWith("--") ? f.getKey() : "--" + f.getKey();
            OptionSpec o = spec.findOption(key);
            if (o == null || key.equals("--config") || key.equals("--help") || key.equals("--version")) {
                if (strict) {
                    throw new InputException(origin + ": unknown option '" + f.getKey() + "'");
                }
                continue;
            }
            Object v = f.getValue();
            if (o.arity().max() == 0) {
                if (!(v instanceof Boolean b)) {
                    throw new InputException(origin + ": option '" + f.getKey() + "' is a flag; give true or false, "
                        + "got " + v);
                }
                if (b) {
                    args.add(key);
                }
                continue;
            }
            if (v == null) {
                continue;
            }
            if (v instanceof List<?> l && o.splitRegex().isEmpty() && o.isMultiValue()) {
                for (Object x : l) { // an option given once per value (e.g. refit's --choose)
                    args.add(key);
                    args.add(String.valueOf(x));
                }
                continue;
            }
            args.add(key);
            args.add(v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : String.valueOf(v));
        }
        return args;
    }

    /** This command's own arguments from the command line, without {@code --config FILE}. */
    static List<String> ownArgs(CommandSpec spec) {
        List<String> cli = spec.commandLine().getParseResult().originalArgs();
        if (spec.commandLine().getParent() != null) {
            // originalArgs starts with the parent command's arguments; keep those after this subcommand's name
            cli = cli.subList(cli.indexOf(spec.name()) + 1, cli.size());
        }
        List<String> r = new ArrayList<>();
        for (int i = 0; i < cli.size(); i++) {
            if (cli.get(i).equals("--config")) {
                i++;
                continue;
            }
            if (!cli.get(i).startsWith("--config=")) {
                r.add(cli.get(i));
            }
        }
        return r;
    }
}
