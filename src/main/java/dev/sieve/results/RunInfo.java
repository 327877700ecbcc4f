package dev.sieve.results;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.Version;
import java.io.IOException;
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
        writeTo(dir.resolve("run.json"));
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
}
