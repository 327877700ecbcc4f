package dev.sieve.config;

import dev.sieve.core.SettingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One setting, declared once: its key (the command-line option is {@code --key}, the config-file key is {@code key}),
 * its kind, its default (as text, the way a user would write it; null = none), its unit, its allowed range, the
 * help group it is listed under, the label of its value and one entry of documentation.
 *
 * @param <T> the value's Java type (Integer, Long, Double, Boolean, String or a List of them)
 */
public final class Setting<T> {
    /** What a setting holds. */
    public enum Kind {
        INT(Integer.class), LONG(Long.class), DOUBLE(Double.class), FLAG(Boolean.class), TEXT(String.class),
        INTS(Integer.class), DOUBLES(Double.class), TEXTS(String.class);

        private final Class<?> element;

        Kind(Class<?> element) {
            this.element = element;
        }

        /** The type of the value, or of a list's elements. */
        public Class<?> elementType() {
            return element;
        }

        public boolean isList() {
            return this == INTS || this == DOUBLES || this == TEXTS;
        }
    }

    private final String key;
    private final Kind kind;
    private final String defaultText;
    private final String unit;
    private final Range range;
    private final List<String> choices;
    private final String group;
    private final String label;
    private final String doc;
    private final String details;

    private Setting(String key, Kind kind, String defaultText, String unit, Range range, List<String> choices,
                    String group, String label, String doc, String details) {
        this.key = key;
        this.kind = kind;
        this.defaultText = defaultText;
        this.unit = unit;
        this.range = range;
        this.choices = List.copyOf(choices);
        this.group = group;
        this.label = label;
        this.doc = doc;
        this.details = details;
    }

    private static <T> Setting<T> make(String key, Kind kind, String dflt, String label) {
        return new Setting<>(key, kind, dflt, "", Range.ANY, List.of(), "", label, "", "");
    }

    public static Setting<Integer> integer(String key, String dflt) {
        return make(key, Kind.INT, dflt, "N");
    }

    public static Setting<Long> longValue(String key, String dflt) {
        return make(key, Kind.LONG, dflt, "N");
    }

    public static Setting<Double> real(String key, String dflt) {
        return make(key, Kind.DOUBLE, dflt, "X");
    }

    /** A flag: false unless given. */
    public static Setting<Boolean> flag(String key) {
        return make(key, Kind.FLAG, "false", "");
    }

    public static Setting<String> text(String key, String dflt) {
        return make(key, Kind.TEXT, dflt, "TEXT");
    }

    /** A text from a fixed list (case-insensitive); the first choice is the usual spelling of each. */
    public static Setting<String> choice(String key, String dflt, String... choices) {
        Setting<String> s = make(key, Kind.TEXT, dflt, String.join("|", choices));
        return new Setting<>(key, Kind.TEXT, dflt, "", Range.ANY, Arrays.asList(choices), "", s.label, "", "");
    }

    public static Setting<List<Integer>> integers(String key, String dflt) {
        return make(key, Kind.INTS, dflt, "N[,N...]");
    }

    public static Setting<List<Double>> reals(String key, String dflt) {
        return make(key, Kind.DOUBLES, dflt, "X[,X...]");
    }

    public static Setting<List<String>> texts(String key, String dflt) {
        return make(key, Kind.TEXTS, dflt, "A[,A...]");
    }

    // -------------------------------------------------------------- the parts of a declaration

    public Setting<T> unit(String u) {
        return new Setting<>(key, kind, defaultText, u, range, choices, group, label, doc, details);
    }

    public Setting<T> range(Range r) {
        return new Setting<>(key, kind, defaultText, unit, r, choices, group, label, doc, details);
    }

    public Setting<T> group(String g) {
        return new Setting<>(key, kind, defaultText, unit, range, choices, g, label, doc, details);
    }

    public Setting<T> label(String l) {
        return new Setting<>(key, kind, defaultText, unit, range, choices, group, l, doc, details);
    }

    /**
     * The documentation: its first sentence is the one line of {@code --help}, the rest the details of the reference
     * page (docs/cli.md).
     */
    public Setting<T> doc(String d) {
        java.util.regex.Matcher m = SENTENCE_END.matcher(d);
        if (m.find()) {
            return new Setting<>(key, kind, defaultText, unit, range, choices, group, label,
                d.substring(0, m.start() + 1), d.substring(m.end()));
        }
        return new Setting<>(key, kind, defaultText, unit, range, choices, group, label, d, "");
    }

    /** The end of a sentence: a full stop, a space and a capital (not after "e.g" or "i.e"). */
    private static final java.util.regex.Pattern SENTENCE_END =
        java.util.regex.Pattern.compile("(?<!e\\.g|i\\.e)[.] (?=[A-Z(])");

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The default as text (null: no default; the value is then null unless given). */
    public String defaultText() {
        return defaultText;
    }

    public String unit() {
        return unit;
    }

    public Range range() {
        return range;
    }

    /** The allowed texts of a choice (empty: any). */
    public List<String> choices() {
        return choices;
    }

    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    /** One line of documentation. */
    public String doc() {
        return doc;
    }

    /** More documentation, for the reference page ("" if none). */
    public String details() {
        return details;
    }

    /** The default value (null when there is none). */
    public T defaultValue() {
        return defaultText == null ? null : parse(defaultText);
    }

    /** Parses a value from text (lists comma-separated) and checks it; a mistake is a {@link SettingException}. */
    @SuppressWarnings("unchecked")
    public T parse(String text) {
        Object v;
        if (kind.isList()) {
            List<Object> l = new ArrayList<>();
            if (!text.isBlank()) {
                for (String part : text.split(",")) {
                    l.add(parseOne(part.strip()));
                }
            }
            v = List.copyOf(l);
        } else {
            v = parseOne(text.strip());
        }
        return check((T) v);
    }

    private Object parseOne(String t) {
        try {
            return switch (kind) {
                case INT, INTS -> Integer.parseInt(t);
                case LONG -> Long.parseLong(t);
                case DOUBLE, DOUBLES -> Double.parseDouble(t);
                case FLAG -> parseFlag(t);
                case TEXT, TEXTS -> t;
            };
        } catch (NumberFormatException e) {
            throw new SettingException(key, "expects " + (kind == Kind.INT || kind == Kind.INTS || kind == Kind.LONG
                ? "an integer" : "a number") + ", got '" + t + "'");
        }
    }

    private Boolean parseFlag(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new SettingException(key, "is a flag: expects true or false, got '" + t + "'");
        };
    }

    /**
     * Checks a value against the range (every element of a list) and the choices; returns it (a choice in its
     * declared spelling, when it matches one case-insensitively).
     */
    @SuppressWarnings("unchecked")
    public T check(T value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> l) {
            for (Object x : l) {
                checkOne(x);
            }
            return value;
        }
        checkOne(value);
        if (!choices.isEmpty()) {
            for (String c : choices) {
                if (c.equalsIgnoreCase((String) value)) {
                    return (T) c;
                }
            }
            throw new SettingException(key, "'" + value + "' is unknown; expected " + orList(choices));
        }
        return value;
    }

    private void checkOne(Object x) {
        if (x instanceof Number n && !range.contains(n.doubleValue())) {
            throw new SettingException(key, "must be " + range + ", got " + x);
        }
    }

    private static String orList(List<String> l) {
        return l.size() == 1 ? l.get(0) : String.join(", ", l.subList(0, l.size() - 1)) + " or " + l.get(l.size() - 1);
    }

    /** A value as a user writes it (lists comma-separated). */
    public static String format(Object v) {
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(Setting::format).toList());
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return "--" + key;
    }
}
