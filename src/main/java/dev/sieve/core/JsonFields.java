package dev.sieve.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to a JSON tree that Sieve wrote (a checkpoint's state): every failure is one
 * {@link InputException} naming the file and the key and what was found, never a NullPointerException or a silent
 * default.
 *
 * @param what the file, as messages start ("checkpoint OUT/checkpoint/state.json")
 */
public record JsonFields(String what) {
    public InputException bad(String key, String problem) {
        return new InputException(what + ": key '" + key + "' " + problem);
    }

    /** A value for a message: text in quotes, anything else as JSON. */
    public static String shown(JsonNode v) {
        return Messages.quote(v.isTextual() ? v.asText() : v.toString());
    }

    /** The member {@code name} of the object {@code obj} (found at {@code key}; the top level if null). */
    public JsonNode field(JsonNode obj, String key, String name) {
        JsonNode v = obj == null ? null : obj.get(name);
        if (v == null || v.isNull()) {
            throw bad(key == null ? name : key + "." + name, "is missing");
        }
        return v;
    }

    public JsonNode field(JsonNode root, String name) {
        return field(root, null, name);
    }

    /** The top-level member {@code name}, a JSON object. */
    public JsonNode object(JsonNode root, String name) {
        JsonNode v = field(root, name);
        if (!v.isObject()) {
            throw bad(name, "must be an object, not " + shown(v));
        }
        return v;
    }

    public double number(JsonNode v, String key) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
            return Double.parseDouble(v.asText()); // how Jackson writes non-finite doubles
        }
        throw bad(key, "must be a number, not " + shown(v));
    }

    /** A number or JSON null (then {@code ifNull}). */
    public double numberOrNull(JsonNode v, String key, double ifNull) {
        return v == null || v.isNull() ? ifNull : number(v, key);
    }

    /** An integer in [min, max]. */
    public long integer(JsonNode v, String key, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(key, "must be an integer, not " + shown(v));
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw bad(key, "must be between " + min + " and " + max + ", not " + x);
        }
        return x;
    }

    public boolean bool(JsonNode v, String key) {
        if (!v.isBoolean()) {
            throw bad(key, "must be true or false, not " + shown(v));
        }
        return v.booleanValue();
    }

    public String text(JsonNode v, String key) {
        if (!v.isTextual()) {
            throw bad(key, "must be text, not " + shown(v));
        }
        return v.asText();
    }

    public Map<String, String> strings(JsonNode root, String key) {
        JsonNode v = field(root, key);
        if (!v.isObject()) {
            throw bad(key, "must be an object of settings, not " + shown(v));
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(key + "." + e.getKey(), "must be text, not " + shown(e.getValue()));
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    public int[] ints(JsonNode v, String key) {
        array(v, key);
        int[] a = new int[v.size()];
        for (int i = 0; i < a.length; i++) {
            JsonNode x = v.get(i);
            if (!x.isIntegralNumber() || !x.canConvertToInt()) {
                throw bad(key, "must hold integers, not " + shown(x));
            }
            a[i] = x.intValue();
        }
        return a;
    }

    public double[] doubles(JsonNode v, String key) {
        array(v, key);
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = number(v.get(i), key);
        }
        return a;
    }

    /** Fills {@code into} (fixed lengths, e.g. network weights) from a list of lists of numbers. */
    public void doubles(JsonNode v, String key, double[][] into) {
        array(v, key);
        if (v.size() != into.length) {
            throw bad(key, "has " + v.size() + " lists, expected " + into.length);
        }
        for (int e = 0; e < into.length; e++) {
            double[] a = doubles(v.get(e), key + "[" + e + "]");
            if (a.length != into[e].length) {
                throw bad(key + "[" + e + "]", "has " + a.length + " numbers, expected " + into[e].length);
            }
            System.arraycopy(a, 0, into[e], 0, a.length);
        }
    }

    public void array(JsonNode v, String key) {
        if (!v.isArray()) {
            throw bad(key, "must be a list, not " + shown(v));
        }
    }
}
