package dev.sieve.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The shared Jackson mappers. Each is configured once here and never changed afterwards, so they are safe to use
 * from any thread (Jackson's mappers are thread-safe once configured); callers must not reconfigure them.
 * The configurations are exactly those of the {@code new ObjectMapper(...)} calls they replace, so the bytes
 * written do not change.
 */
public final class Json {
    private Json() {}

    /** Default JSON mapper ({@code new ObjectMapper()}): compact output, default features. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * JSON mapper with {@link SerializationFeature#INDENT_OUTPUT} ({@code new ObjectMapper().enable(INDENT_OUTPUT)}):
     * Jackson's default pretty printer, two-space indent, {@code " : "} between name and value.
     */
    public static final ObjectMapper JSON_PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** YAML mapper with default {@link YAMLFactory} options ({@code new ObjectMapper(new YAMLFactory())}). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code value} as indented JSON ({@link #JSON_PRETTY}) followed by a newline. */
    public static String prettyLine(Object value) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON_PRETTY.writeValueAsString(value) + "\n";
    }
}
