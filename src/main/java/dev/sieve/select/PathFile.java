package dev.sieve.select;

import dev.sieve.core.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.select.baseline.SelectionMethods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code path.json}, the typed record of a regularization path that {@code select} writes and {@code refit} reads:
 * where the data came from, every training setting by name (so a refit trains exactly as the path did unless told
 * otherwise), the candidates, the points.
 *
 * @param format      always {@value #FORMAT}
 * @param version     format version ({@value #VERSION})
 * @param source      the data the path was made from
 * @param config      the path's settings fingerprint (strings)
 * @param train       every training setting by name ({@code TrainConfig.settings()})
 * @param elements    the elements, in the networks' order
 * @param candidates  the candidate set file, relative to the path directory
 * @param structures  training and validation structure counts
 * @param lambdaStart the first lambda
 * @param lossScale   the factor on the data loss
 * @param finished    whether the path is complete
 * @param seconds     wall time of the path
 * @param points      the points
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathFile(String format, int version, Source source, Map<String, String> config,
                       Map<String, Object> train, List<String> elements, String candidates,
                       Map<String, Integer> structures, @JsonProperty("lambda_start") double lambdaStart,
                       @JsonProperty("loss_scale") double lossScale, boolean finished, double seconds,
                       List<PathPoint> points) {
    public static final String FORMAT = "sieve-path";
    public static final int VERSION = 2;
    public static final String NAME = "path.json";

    /**
     * The structures of a path: every {@code every}-th structure of {@code data}, at most {@code limit} (0: all).
     *
     * @param structures how many that gave
     * @param sf         the candidate set as specified
     */
    public record Source(String data, int every, int limit, int structures, String sf) {}

    /** The selection method that made the path ({@code config.method}; paths without it are agl). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String method() {
        return config == null ? SelectionMethods.AGL : config.getOrDefault("method", SelectionMethods.AGL);
    }

    /** Writes {@code dir/path.json} atomically. */
    public void write(Path dir) {
        try {
            AtomicFile.writeString(dir.resolve(NAME), mapper().writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    /** Reads {@code dir/path.json}. */
    public static PathFile read(Path dir) {
        Path f = dir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            throw new InputException(dir + ": no " + NAME + " (is it a sieve select output directory?)");
        }
        PathFile p;
        try {
            p = mapper().readValue(f.toFile(), PathFile.class);
        } catch (IOException e) {
            throw dev.sieve.core.Messages.readError(f.toString(), e);
        }
        if (!FORMAT.equals(p.format()) || p.version() != VERSION) {
            throw new InputException(f + ": not a " + FORMAT + " file of version " + VERSION + " (format " + p.format()
                + ", version " + p.version() + "); rerun sieve select");
        }
        if (p.points() == null || p.train() == null || p.source() == null) {
            throw new InputException(f + ": incomplete (no points, train settings or source)");
        }
        return p;
    }

    private static ObjectMapper mapper() {
        return Json.JSON_PRETTY
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
