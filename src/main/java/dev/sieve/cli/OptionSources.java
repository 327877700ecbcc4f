package dev.sieve.cli;

import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParser;
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

    /** The most a config file may hold: a page of settings, not data. */
    static final long MAX_CONFIG_BYTES = 1 << 20;

    /** A config file's options, in file order, with the line of each key. */
    static final class ConfigMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        final transient Path file;
        final Map<String, Integer> lines = new HashMap<>();

        ConfigMap(Path file) {
            this.file = file;
        }

        /** An empty map with this file's key lines. */
        ConfigMap emptyCopy() {
            ConfigMap c = new ConfigMap(file);
            c.lines.putAll(lines);
            return c;
        }

        /** Where {@code key} was given, for messages: "--config FILE:LINE". */
        String origin(String key) {
            Integer l = lines.get(key);
            return "--config " + file + (l == null ? "" : ":" + l);
        }
    }

    /**
     * The options of a YAML or JSON config file (keys = option names without dashes; lists allowed). Refused, each
     * with one line naming the file (and the line and key where there is one): a missing file, one over
     * {@value #MAX_CONFIG_BYTES} bytes, one that is not UTF-8 text, a syntax error, a key given twice, a value that is
     * neither a scalar nor a list.
     */
    static Map<String, Object> readConfigFile(Path config) {
        String name = config.getFileName() == null ? "" : config.getFileName().toString().toLowerCase(Locale.ROOT);
        String where = "--config " + config;
        if (!Files.isRegularFile(config)) {
            throw new InputException(where + ": no such file");
        }
        String text = configText(config, where);
        boolean json = name.endsWith(".json");
        ObjectMapper om = json ? Json.JSON : Json.YAML;
        ConfigMap m = new ConfigMap(config);
        try (JsonParser p = om.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(where + ": expected a mapping of option names to values");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                if (m.containsKey(key)) {
                    throw new InputException(where + ":" + line + ": key '" + key + "' is given twice (first on line "
                        + m.lines.get(key) + ")");
                }
                p.nextToken();
                JsonNode v = om.readTree(p);
                m.lines.put(key, line);
                m.put(key, value(v, where + ":" + line, key));
            }
        } catch (IOException e) {
            long ln = dev.sieve.core.Messages.line(e);
            throw new InputException(where + (ln > 0 ? ":" + ln : "") + ": " + dev.sieve.core.Messages.reason(e));
        }
        return m;
    }

    /** The file as text: at most {@value #MAX_CONFIG_BYTES} bytes of UTF-8 without NUL bytes. */
    private static String configText(Path config, String where) {
        try {
            long size = Files.size(config);
            if (size > MAX_CONFIG_BYTES) {
                throw new InputException(where + ": " + size + " bytes; a config file holds settings and may have at "
                    + "most " + MAX_CONFIG_BYTES + " bytes");
            }
            byte[] b = Files.readAllBytes(config);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    throw new InputException(where + ": not a text file (a zero byte at offset " + i + ")");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(where + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new InputException(where + ": cannot read: " + dev.sieve.core.Messages.reason(e));
        }
    }

    private static Object value(JsonNode v, String where, String key) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isValueNode()) {
                    throw new InputException(where + ": option '" + key + "' needs a value or a list of values, got "
                        + v);
                }
                parts.add(x.asText());
            }
            return parts;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new InputException(where + ": option '" + key + "' needs a value or a list, got " + v);
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
        Map<String, Object> rest = base instanceof ConfigMap cm ? cm.emptyCopy() : new LinkedHashMap<>();
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
            String at = origin;
            if (base instanceof ConfigMap cm && e.getArgSpec() instanceof OptionSpec o
                    && cm.containsKey(o.longestName().substring(2))) {
                at = cm.origin(o.longestName().substring(2));
            }
            throw new InputException(at + ": " + e.getMessage());
        }
        return fresh.call();
    }

    /** {@code --key value} arguments of {@code base} for the options of {@code spec}. */
    static List<String> toArgs(CommandSpec spec, Map<String, ?> base, String origin, boolean strict) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, ?> f : base.entrySet()) {
            String key = f.getKey().startsWith("--") ? f.getKey() : "--" + f.getKey();
            OptionSpec o = spec.findOption(key);
            String at = base instanceof ConfigMap cm && cm.containsKey(f.getKey()) ? cm.origin(f.getKey()) : origin;
            if (o == null || key.equals("--config") || key.equals("--help") || key.equals("--version")) {
                if (strict) {
                    throw new InputException(at + ": unknown option '" + f.getKey() + "'");
                }
                continue;
            }
            Object v = f.getValue();
            if (o.arity().max() == 0) {
                if (!(v instanceof Boolean b)) {
                    throw new InputException(at + ": option '" + f.getKey() + "' is a flag; give true or false, "
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
