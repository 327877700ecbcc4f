package dev.sieve.core;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * {@code metrics.json}, {@code refit.json} and {@code run.json} and for the checkpoints ({@code state.json},
 * {@code path-state.json}). A missing key, a value of another type or out of range is an {@link InputException} of
 * one line naming the file and the key as a path from the root (e.g. {@code rows[1].test_rmse_mev_atom.values});
 * nothing is defaulted silently. Numbers may also be the strings {@code NaN}, {@code Infinity} and {@code -Infinity}
 * (Jackson writes non-finite doubles so). A view is of an object (values by key) or of a list (values by index,
 * {@link #list(String)}).
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

    /**
     * The view of the top-level object {@code root} already read from {@code file} (by a reader that checks the
     * file's format and checksum first, as the checkpoints do).
     *
     * @throws InputException when {@code root} is not a JSON object
     */
    public static JsonView of(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException(file.toString(), -1, "not a JSON object");
        }
        return new JsonView(file.toString(), "", root);
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

    /** An integer in [{@code min}, {@code max}]. */
    public long integer(String key, long min, long max) {
        return integer(value(key), path(key), min, max);
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

    /** A number or null, the value at {@code index} of this list. */
    public Double numberOrNull(int index) {
        JsonNode v = element(index);
        if (v.isNull()) {
            return null;
        }
        Double d = number(v);
        if (d == null) {
            throw wrongAt(path(index), "a number", v);
        }
        return d;
    }

    /** An integer in [{@code min}, {@code max}], the value at {@code index} of this list. */
    public long integer(int index, long min, long max) {
        return integer(element(index), path(index), min, max);
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

    /** A list, as a view of its values by index. */
    public JsonView list(String key) {
        return new JsonView(file, path(key), array(key));
    }

    /** A list, the value at {@code index} of this list, as a view of its values by index. */
    public JsonView list(int index) {
        JsonNode v = element(index);
        if (!v.isArray()) {
            throw wrongAt(path(index), "a list", v);
        }
        return new JsonView(file, path(index), v);
    }

    /** The number of values of this list (or of keys of this object). */
    public int size() {
        return node.size();
    }

    /**
     * This value converted by Jackson to {@code type} (e.g. a list of records), or one line naming the key when it
     * does not fit.
     */
    public <T> T as(TypeReference<T> type) {
        try {
            return Json.JSON.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw invalid("is malformed: " + Messages.reason(e.getCause() != null ? e.getCause() : e));
        }
    }

    /** A list of objects. */
    public List<JsonView> objects(String key) {
        JsonNode v = array(key);
        List<JsonView> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = path(key) + "[" + i + "]";
            if (!e.isObject()) {
                throw wrongAt(p, "an object", e);
            }
            out.add(new JsonView(file, p, e));
        }
        return out;
    }

    /** A list of numbers ({@code NaN} and the infinities also as strings). */
    public double[] numbers(String key) {
        return numbers(array(key), path(key));
    }

    /** A list of integers that fit an {@code int}. */
    public int[] ints(String key) {
        JsonNode v = array(key);
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = v.get(i);
            if (!x.isIntegralNumber() || !x.canConvertToInt()) {
                throw wrongAt(path(key) + "[" + i + "]", "an integer", x);
            }
            out[i] = x.intValue();
        }
        return out;
    }

    /**
     * A list of lists of numbers filled into {@code into}, whose lengths (e.g. a network's weights) the lists must
     * have; {@code into} is changed only when all of them do.
     */
    public void numbers(String key, double[][] into) {
        JsonView lists = list(key);
        if (lists.size() != into.length) {
            throw invalid(key, "has " + lists.size() + " lists, expected " + into.length);
        }
        double[][] read = new double[into.length][];
        for (int e = 0; e < into.length; e++) {
            JsonView row = lists.list(e);
            read[e] = numbers(row.node, row.at);
            if (read[e].length != into[e].length) {
                throw row.invalid("has " + read[e].length + " numbers, expected " + into[e].length);
            }
        }
        for (int e = 0; e < into.length; e++) {
            System.arraycopy(read[e], 0, into[e], 0, read[e].length);
        }
    }

    /** A list of strings. */
    public List<String> texts(String key) {
        JsonNode v = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw wrongAt(path(key) + "[" + i + "]", "a string", v.get(i));
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

    /** Every value of this object as a string, by key in file order. */
    public Map<String, String> textValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys()) {
            out.put(k, text(k));
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

    /** One line naming the file and {@code key} of this object: "key 'KEY' PROBLEM" (for a reader's own checks). */
    public InputException invalid(String key, String problem) {
        return new InputException(file, -1, "key '" + path(key) + "' " + problem);
    }

    /** One line naming the file and this value's key: "key 'KEY' PROBLEM". */
    public InputException invalid(String problem) {
        return at.isEmpty() ? new InputException(file, -1, problem)
            : new InputException(file, -1, "key '" + at + "' " + problem);
    }

    private double[] numbers(JsonNode list, String p) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Double d = number(list.get(i));
            if (d == null) {
                throw wrongAt(p + "[" + i + "]", "a number", list.get(i));
            }
            out[i] = d;
        }
        return out;
    }

    private long integer(JsonNode v, String p, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongAt(p, "an integer", v);
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw new InputException(file, -1, "key '" + p + "' must be between " + min + " and " + max + ", got "
                + x);
        }
        return x;
    }

    private JsonNode array(String key) {
        JsonNode v = value(key);
        if (!v.isArray()) {
            throw wrong(key, "a list", v);
        }
        return v;
    }

    private JsonNode value(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new InputException(file, -1, "key '" + path(key) + "' is missing");
        }
        return v;
    }

    private JsonNode element(int index) {
        JsonNode v = node.isArray() ? node.get(index) : null;
        if (v == null) {
            throw new InputException(file, -1, "key '" + path(index) + "' is missing");
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

    private String path(int index) {
        return at + "[" + index + "]";
    }

    private InputException wrong(String key, String expected, JsonNode v) {
        return wrongAt(path(key), expected, v);
    }

    private InputException wrongAt(String p, String expected, JsonNode v) {
        return new InputException(file, -1, "key '" + p + "' must be " + expected + ", got " + kind(v));
    }

    private static String kind(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        return Messages.quote(v.asText());
    }
}
