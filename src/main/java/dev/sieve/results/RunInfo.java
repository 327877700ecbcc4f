package dev.sieve.results;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.JsonView;
import dev.sieve.core.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provenance of a run, written as {@code run.json} into every output directory: command line,
 * options, seed, threads, version, JVM, start time and named timings (seconds).
 */
public final class RunInfo {
    /** The file name in an output directory. */
    public static final String NAME = "run.json";

    private final String command;
    private final List<String> args;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, Double> timings = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();

    public RunInfo(String command, List<String> args) {
        this.command = command;
        this.args = List.copyOf(args);
    }

    public RunInfo option(String key, Object value) {
        options.put(key, value);
        return this;
    }

    public RunInfo timing(String key, double seconds) {
        timings.put(key, seconds);
        return this;
    }

    public RunInfo result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - t0) * 1e-9;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("args", args);
        m.put("version", Version.get());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("host", dev.sieve.core.HostInfo.describe());
        m.put("started", started.toString());
        m.put("options", options);
        m.put("timings_s", timings);
        m.put("total_s", elapsedSeconds());
        if (!results.isEmpty()) {
            m.put("results", results);
        }
        return m;
    }

    /** Writes {@code dir/run.json} atomically. */
    public void write(Path dir) {
        writeTo(dir.resolve(NAME));
    }

    public void writeTo(Path file) {
        ObjectMapper om = Json.JSON_PRETTY;
        AtomicFile.write(file, w -> {
            try {
                w.write(om.writeValueAsString(toMap()));
                w.write('\n');
            } catch (IOException e) {
                throw e;
            }
        });
    }

    /**
     * A {@code run.json} as read back: every key {@link #toMap()} writes, each checked for its type.
     *
     * @param command             the command
     * @param args                its arguments
     * @param version             Sieve's version
     * @param java                the JVM
     * @param os                  the operating system
     * @param availableProcessors processors the JVM saw
     * @param host                the host's description (name → value as text)
     * @param started             the start time (ISO-8601)
     * @param options             every option's value (per command; read with {@link #option} and {@link #setting})
     * @param timings             named timings (s)
     * @param totalSeconds        the run's wall time (s)
     * @param results             the command's results, or null when it recorded none
     */
    public record Recorded(String command, List<String> args, String version, String java, String os,
                           int availableProcessors, Map<String, String> host, String started, JsonView options,
                           Map<String, Double> timings, double totalSeconds, JsonView results) {

        /** A scalar option's value as text, or null when it is absent or null. */
        public String option(String key) {
            return options.scalarOrNull(key);
        }

        /**
         * A setting's value as text: the option {@code key}, else {@code options.config.KEY} (where train, select and
         * refit record their settings), or null.
         */
        public String setting(String key) {
            if (options.has(key)) {
                return options.scalarOrNull(key);
            }
            JsonView config = options.optionalObject("config");
            return config == null ? null : config.scalarOrNull(key);
        }

        /** One of the command's results (an object), or null when there is none under {@code key}. */
        public JsonView result(String key) {
            return results == null ? null : results.optionalObject(key);
        }
    }

    /** Whether {@code dir} has a run.json. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(NAME));
    }

    /**
     * Reads {@code dir/run.json}.
     *
     * @throws dev.sieve.core.InputException naming the file and the key when it is missing, not JSON, or a key is
     *                                       missing or of another type
     */
    public static Recorded read(Path dir) {
        JsonView r = JsonView.read(dir.resolve(NAME));
        return new Recorded(r.text("command"), r.texts("args"), r.text("version"), r.text("java"), r.text("os"),
            r.integer("available_processors"), r.object("host").scalarValues(), r.text("started"), r.object("options"),
            r.object("timings_s").numberValues(), r.number("total_s"), r.optionalObject("results"));
    }
}
