package dev.sieve.config;

import dev.sieve.core.SettingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A value for every setting of a catalogue, in the catalogue's order: the defaults, changed by name. Immutable; each
 * change is checked against the setting's range and choices (a mistake is a {@link SettingException} naming it).
 */
public final class SettingValues {
    private final List<Setting<?>> catalogue;
    private final Map<String, Object> values;

    private SettingValues(List<Setting<?>> catalogue, Map<String, Object> values) {
        this.catalogue = catalogue;
        this.values = values;
    }

    /** Every setting of {@code catalogue} at its default. */
    public static SettingValues defaults(List<Setting<?>> catalogue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> s : catalogue) {
            if (m.containsKey(s.key())) {
                throw new IllegalArgumentException("setting " + s.key() + " declared twice");
            }
            m.put(s.key(), s.defaultValue());
        }
        return new SettingValues(List.copyOf(catalogue), m);
    }

    public List<Setting<?>> catalogue() {
        return catalogue;
    }

    /** The value of {@code s} (null for a setting without default that was not given). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> s) {
        requireKnown(s.key());
        return (T) values.get(s.key());
    }

    /** The value of the setting named {@code key}. */
    public Object get(String key) {
        requireKnown(key);
        return values.get(key);
    }

    /** These values with {@code s} set to {@code value} (checked). */
    public <T> SettingValues with(Setting<T> s, T value) {
        requireKnown(s.key());
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(s.key(), s.check(value));
        return new SettingValues(catalogue, m);
    }

    /** These values with the setting named {@code key} parsed from {@code text}. */
    public SettingValues withText(String key, String text) {
        Setting<?> s = setting(key);
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, text == null ? null : s.parse(text));
        return new SettingValues(catalogue, m);
    }

    /** These values with the setting named {@code key} set to a value of its type (checked). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public SettingValues withValue(String key, Object value) {
        Setting s = setting(key);
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value == null ? null : s.check(value));
        return new SettingValues(catalogue, m);
    }

    /** The setting named {@code key}. */
    public Setting<?> setting(String key) {
        for (Setting<?> s : catalogue) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new SettingException(key, "is not a setting here");
    }

    private void requireKnown(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no setting " + key + " in this catalogue");
        }
    }

    /** Every value by key, in catalogue order. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues v && values.equals(v.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+\\-/@:=,;]+");

    /**
     * One YAML line {@code key: value} (lists as flow sequences, texts quoted when YAML would read them otherwise);
     * a null value or an empty list is written as a comment, so that reading the file back leaves the setting at its default.
     */
    public static String yamlLine(String key, Object value) {
        if (value == null) {
            return "# " + key + ":";
        }
        if (value instanceof List<?> l && l.isEmpty()) {
            return "# " + key + ": []";
        }
        if (value instanceof List<?> l) {
            return key + ": [" + String.join(", ", l.stream().map(SettingValues::yamlScalar).toList()) + "]";
        }
        return key + ": " + yamlScalar(value);
    }

    private static String yamlScalar(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        String s = String.valueOf(v);
        boolean plain = PLAIN.matcher(s).matches() && !s.contains(": ") && !s.startsWith("-")
            && !s.matches("(?i)true|false|yes|no|on|off|null|~|[-+]?[0-9.].*");
        return plain ? s : "'" + s.replace("'", "''") + "'";
    }
}
