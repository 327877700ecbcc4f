package dev.sieve.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object of a file Sieve wrote, read key by key with each value's type checked, for the typed readers of
 * {@code metrics.json}, {@code refit.json} and {@code run.json}. A missing key or a value of another type is an
 * {@link InputException} of one line naming the file and the key as a path from the root (e.g.
 * {@code rows[1].test_rmse_mev_atom.values}); nothing is defaulted silently. Numbers may also be the strings
 * {@code NaN}, {@code Infinity} and {@code -Infinity} (Jackson writes non-finite doubles so).
 */
public final class JsonView {
    private final String file;
    private final String at;
    private final JsonNode node;

    private JsonView(String file, String at, JsonNode node) {
        this.file = file;
        this.at = at;
        this.node = node;
    }

    /**
     * The top-level object of a JSON file.
     *
     * @throws InputException when the file is missing, unreadable, not JSON or not a JSON object
     */
    public static JsonView read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), -1, "no such file");
        }
        JsonNode n;
        try {
            n = Json.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file.toString(), -1, "not valid JSON: " + Messages.reason(e));
        }
        if (n == null || !n.isObject()) {
            throw new InputException(file.toString(), -1, "not a JSON object");
        }
        return new JsonView(file.toString(), "", n);
    }

    /** The file this object was read from, as given. */
    public String file() {
        return file;
    }

    /** Whether the object has {@code key} (with any value, also null). */
    public boolean has(String key) {
        return node.has(key);
    }

    /** The keys of this object, in file order. */
    public List<String> keys() {
        List<String> k = new ArrayList<>();
        node.fieldNames().forEachRemaining(k::add);
        return k;
    }

    /** A string. */
    public String text(String key) {
        JsonNode v = value(key);
        if (!v.isTextual()) {
            throw wrong(key, "a string", v);
        }
        return v.textValue();
    }

    /** A string or null. */
    public String textOrNull(String key) {
        JsonNode v = value(key);
        return v.isNull() ? null : text(key);
    }

    /** A scalar (string, number or boolean) as text, or null when the key is absent or null. */
    public String scalarOrNull(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw wrong(key, "a string, number or boolean", v);
        }
        return v.asText();
    }

    /** An integer that fits an {@code int}. */
    public int integer(String key) {
        JsonNode v = value(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrong(key, "an integer", v);
        }
        return v.intValue();
    }

    /** An integer that fits a {@code long}. */
    public long longInteger(String key) {
        JsonNode v = value(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrong(key, "an integer", v);
        }
        return v.longValue();
    }

    /** A number ({@code NaN} and the infinities also as strings). */
    public double number(String key) {
        JsonNode v = value(key);
        Double d = number(v);
        if (d == null) {
            throw wrong(key, "a number", v);
        }
        return d;
    }

    /** A number or null. */
    public Double numberOrNull(String key) {
        JsonNode v = value(key);
        return v.isNull() ? null : number(key);
    }

    /** A number, or null when the key is absent or null (for keys a writer adds only sometimes). */
    public Double optionalNumber(String key) {
        return node.has(key) ? numberOrNull(key) : null;
    }

    /** A boolean. */
    public boolean bool(String key) {
        JsonNode v = value(key);
        if (!v.isBoolean()) {
            throw wrong(key, "true or false", v);
        }
        return v.booleanValue();
    }

    /** A boolean or null. */
    public Boolean boolOrNull(String key) {
        JsonNode v = value(key);
        return v.isNull() ? null : bool(key);
    }

    /** An object. */
    public JsonView object(String key) {
        JsonNode v = value(key);
        if (!v.isObject()) {
            throw wrong(key, "an object", v);
        }
        return new JsonView(file, path(key), v);
    }

    /** An object, or null when the key is absent or null (for keys a writer adds only sometimes). */
    public JsonView optionalObject(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : object(key);
    }

    /** An array of objects. */
    public List<JsonView> objects(String key) {
        JsonNode v = array(key);
        List<JsonView> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = path(key) + "[" + i + "]";
            if (!e.isObject()) {
                throw new InputException(file, -1, "key '" + p + "' must be an object, got " + kind(e));
            }
            out.add(new JsonView(file, p, e));
        }
        return out;
    }

    /** An array of numbers ({@code NaN} and the infinities also as strings). */
    public double[] numbers(String key) {
        JsonNode v = array(key);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            Double d = number(v.get(i));
            if (d == null) {
                throw new InputException(file, -1, "key '" + path(key) + "[" + i + "]' must be a number, got "
                    + kind(v.get(i)));
            }
            out[i] = d;
        }
        return out;
    }

    /** An array of strings. */
    public List<String> texts(String key) {
        JsonNode v = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new InputException(file, -1, "key '" + path(key) + "[" + i + "]' must be a string, got "
                    + kind(v.get(i)));
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** Every value of this object as an object, by key in file order. */
    public Map<String, JsonView> objectValues() {
        Map<String, JsonView> out = new LinkedHashMap<>();
        for (String k : keys()) {
            out.put(k, object(k));
        }
        return out;
    }

    /** Every value of this object as a number, by key in file order. */
    public Map<String, Double> numberValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : keys()) {
            out.put(k, number(k));
        }
        return out;
    }

    /** Every value of this object as a scalar's text (null for null), by key in file order. */
    public Map<String, String> scalarValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys()) {
            out.put(k, scalarOrNull(k));
        }
        return out;
    }

    private JsonNode array(String key) {
        JsonNode v = value(key);
        if (!v.isArray()) {
            throw wrong(key, "an array", v);
        }
        return v;
    }

    private JsonNode value(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new InputException(file, -1, "missing key '" + path(key) + "'");
        }
        return v;
    }

    private static Double number(JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return switch (v.textValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    private String path(String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private InputException wrong(String key, String expected, JsonNode v) {
        return new InputException(file, -1, "key '" + path(key) + "' must be " + expected + ", got " + kind(v));
    }

    private static String kind(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return Messages.quote(v.asText());
    }
}
