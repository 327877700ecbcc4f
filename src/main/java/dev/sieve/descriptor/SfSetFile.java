package dev.sieve.descriptor;

import dev.sieve.core.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.structure.Elements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sieve's own symmetry-function set file, YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}),
 * chosen by the file extension. Example (YAML; JSON has the same keys):
 *
 * <pre>
 * format: sieve-sf-set
 * version: 1
 * name: "thesis22"
 * angular_convention: wide          # wide = type 9 (G5), narrow = type 3 (G4), mixed, none
 * cutoff: {type: cos, alpha: 0}     # default cutoff function of every entry
 * elements: [Al]
 * functions:
 *   Al:
 *     - {type: 2, e1: Al, eta: 0.0013, rs: 0, rc: 6.8}
 *     - {type: 9, e1: Al, e2: Al, eta: 0.0013, rs: 0, zeta: 1, lambda: -1, rc: 4.4}
 *     - {type: 2, e1: Al, eta: 0.04, rs: 0, rc: 6.8, cutoff: {type: poly2, alpha: 0}}   # override
 * </pre>
 *
 * <p>Units: eta in Å^-2, rs and rc in Å. Entry keys: {@code type} (2, 3, 9, or {@code radial} /
 * {@code angular}, the latter resolved by {@code angular_convention}), {@code e1}, {@code eta},
 * {@code rs}, {@code rc}, and for angular entries {@code e2}, {@code zeta}, {@code lambda}; all
 * required; {@code cutoff} optional. {@code angular_convention} is required when there are angular
 * functions and must agree with their types. {@code format}, {@code version}, {@code name},
 * {@code cutoff} (default cos, alpha 0) and {@code elements} (default: the keys of
 * {@code functions}) are optional. Unknown keys are errors. Every error is an
 * {@link InputException} naming the file, the line and the entry (e.g. {@code functions.Al[3]}).
 *
 * <p>The writer lists functions in n2p2's sorted order with the shortest round-tripping numbers,
 * one function per line; reading a written file gives an equal {@link SymmetryFunctionSet} and
 * writing that again gives identical bytes.
 */
public final class SfSetFile {
    private SfSetFile() {}

    public static final String FORMAT = "sieve-sf-set";
    public static final int VERSION = 1;

    private static final Set<String> TOP_KEYS = Set.of("format", "version", "name", "angular_convention", "cutoff",
        "elements", "functions");
    private static final Set<String> ENTRY_KEYS = Set.of("type", "e1", "e2", "eta", "rs", "zeta", "lambda", "rc", "cutoff");
    /** Element symbols that YAML 1.1 would read as booleans; always quoted. */
    private static final Set<String> YAML_QUOTE = Set.of("Y", "N", "No");

    /** True for names ending in .yaml, .yml or .json (case-insensitive). */
    public static boolean isSetFile(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static boolean isJson(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    // ------------------------------------------------------------------ writing

    /** Writes the set atomically, YAML or JSON by extension. */
    public static void write(Path file, SymmetryFunctionSet set) {
        if (!isSetFile(file)) {
            throw new InputException(file.toString(), -1, "set file name must end in .yaml, .yml or .json");
        }
        AtomicFile.writeString(file, isJson(file) ? toJson(set) : toYaml(set));
    }

    public static String toYaml(SymmetryFunctionSet set) {
        Cut def = defaultCutoff(set);
        StringBuilder sb = new StringBuilder();
        sb.append("# Sieve symmetry-function set: eta in 1/A^2, rs and rc in A; functions in n2p2 sorted order\n");
        sb.append("format: ").append(FORMAT).append('\n');
        sb.append("version: ").append(VERSION).append('\n');
        sb.append("name: ").append(quote(set.name())).append('\n');
        sb.append("angular_convention: ").append(convention(set)).append('\n');
        sb.append("cutoff: ").append(cutYaml(def)).append('\n');
        sb.append("elements: [");
        for (int i = 0; i < set.elements().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(yamlSymbol(set.elements().get(i)));
        }
        sb.append("]\n");
        sb.append("functions:\n");
        for (String el : set.elements()) {
            List<SymmetryFunction> l = set.forElement(el);
            sb.append("  ").append(yamlSymbol(el)).append(':').append(l.isEmpty() ? " []\n" : "\n");
            for (SymmetryFunction f : l) {
                sb.append("    - {type: ").append(f.type()).append(", e1: ").append(yamlSymbol(f.e1()));
                if (f.isAngular()) {
                    sb.append(", e2: ").append(yamlSymbol(f.e2()));
                }
                sb.append(", eta: ").append(SfNumbers.format(f.eta())).append(", rs: ").append(SfNumbers.format(f.rs()));
                if (f.isAngular()) {
                    sb.append(", zeta: ").append(SfNumbers.format(f.zeta()))
                        .append(", lambda: ").append(SfNumbers.format(f.lambda()));
                }
                sb.append(", rc: ").append(SfNumbers.format(f.rc()));
                Cut c = new Cut(f.cutoff(), f.alpha());
                if (!c.equals(def)) {
                    sb.append(", cutoff: ").append(cutYaml(c));
                }
                sb.append("}\n");
            }
        }
        return sb.toString();
    }

    public static String toJson(SymmetryFunctionSet set) {
        Cut def = defaultCutoff(set);
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
        sb.append("  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"name\": ").append(quote(set.name())).append(",\n");
        sb.append("  \"angular_convention\": ").append(quote(convention(set))).append(",\n");
        sb.append("  \"cutoff\": ").append(cutJson(def)).append(",\n");
        sb.append("  \"elements\": [");
        for (int i = 0; i < set.elements().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quote(set.elements().get(i)));
        }
        sb.append("],\n");
        sb.append("  \"functions\": {");
        List<String> els = set.elements();
        for (int e = 0; e < els.size(); e++) {
            String el = els.get(e);
            List<SymmetryFunction> l = set.forElement(el);
            sb.append(e > 0 ? "," : "").append("\n    ").append(quote(el)).append(": [");
            for (int i = 0; i < l.size(); i++) {
                SymmetryFunction f = l.get(i);
                sb.append(i > 0 ? "," : "").append("\n      {\"type\": ").append(f.type())
                    .append(", \"e1\": ").append(quote(f.e1()));
                if (f.isAngular()) {
                    sb.append(", \"e2\": ").append(quote(f.e2()));
                }
                sb.append(", \"eta\": ").append(SfNumbers.format(f.eta()))
                    .append(", \"rs\": ").append(SfNumbers.format(f.rs()));
                if (f.isAngular()) {
                    sb.append(", \"zeta\": ").append(SfNumbers.format(f.zeta()))
                        .append(", \"lambda\": ").append(SfNumbers.format(f.lambda()));
                }
                sb.append(", \"rc\": ").append(SfNumbers.format(f.rc()));
                Cut c = new Cut(f.cutoff(), f.alpha());
                if (!c.equals(def)) {
                    sb.append(", \"cutoff\": ").append(cutJson(c));
                }
                sb.append('}');
            }
            sb.append(l.isEmpty() ? "]" : "\n    ]");
        }
        sb.append(els.isEmpty() ? "}\n" : "\n  }\n");
        sb.append("}\n");
        return sb.toString();
    }

    private record Cut(CutoffType type, double alpha) {}

    /** The most frequent (cutoff, alpha) of the set (ties: lower cutoff code, then lower alpha); cos/0 when empty. */
    private static Cut defaultCutoff(SymmetryFunctionSet set) {
        Map<CutoffType, TreeMap<Double, Integer>> counts = new EnumMap<>(CutoffType.class);
        for (List<SymmetryFunction> l : set.functions().values()) {
            for (SymmetryFunction f : l) {
                counts.computeIfAbsent(f.cutoff(), k -> new TreeMap<>()).merge(f.alpha(), 1, Integer::sum);
            }
        }
        Cut best = new Cut(CutoffType.COS, 0);
        int bestN = 0;
        for (Map.Entry<CutoffType, TreeMap<Double, Integer>> e : counts.entrySet()) {
            for (Map.Entry<Double, Integer> a : e.getValue().entrySet()) {
                if (a.getValue() > bestN) {
                    bestN = a.getValue();
                    best = new Cut(e.getKey(), a.getKey());
                }
            }
        }
        return best;
    }

    /** wide, narrow, mixed or none, from the angular types present. */
    public static String convention(SymmetryFunctionSet set) {
        boolean narrow = false;
        boolean wide = false;
        for (List<SymmetryFunction> l : set.functions().values()) {
            for (SymmetryFunction f : l) {
                narrow |= f.type() == SymmetryFunction.ANGULAR_NARROW;
                wide |= f.type() == SymmetryFunction.ANGULAR_WIDE;
            }
        }
        return narrow && wide ? "mixed" : narrow ? "narrow" : wide ? "wide" : "none";
    }

    private static String cutYaml(Cut c) {
        return "{type: " + c.type().label() + ", alpha: " + SfNumbers.format(c.alpha()) + "}";
    }

    private static String cutJson(Cut c) {
        return "{\"type\": \"" + c.type().label() + "\", \"alpha\": " + SfNumbers.format(c.alpha()) + "}";
    }

    private static String yamlSymbol(String s) {
        return YAML_QUOTE.contains(s) ? quote(s) : s;
    }

    /** A JSON string literal, which is also a valid YAML double-quoted scalar. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------ reading

    /** Reads a set file (YAML or JSON by extension). */
    public static SymmetryFunctionSet read(Path file) {
        String fname = file.toString();
        if (!isSetFile(file)) {
            throw new InputException(fname, -1, "set file name must end in .yaml, .yml or .json");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(fname, -1, "no such file");
        }
        ObjectMapper mapper = isJson(file) ? Json.JSON : Json.YAML;
        Map<String, JsonNode> top = new LinkedHashMap<>();
        Map<String, Integer> topLine = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<String> functionKeys = new ArrayList<>();
        int line = -1;
        try (JsonParser p = mapper.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InputException(fname, -1, "empty file; expected a " + FORMAT + " mapping");
            }
            line = p.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw new InputException(fname, line, "expected a mapping with keys " + new java.util.TreeSet<>(TOP_KEYS));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                line = p.currentTokenLocation().getLineNr();
                if (!TOP_KEYS.contains(key)) {
                    throw new InputException(fname, line, "unknown key '" + key + "' (expected one of "
                        + new java.util.TreeSet<>(TOP_KEYS) + ")");
                }
                if (topLine.containsKey(key)) {
                    throw new InputException(fname, line, "key '" + key + "' given twice (first at line " + topLine.get(key) + ")");
                }
                topLine.put(key, line);
                t = p.nextToken();
                if (key.equals("functions")) {
                    readFunctions(p, fname, entries, functionKeys);
                    top.put(key, null);
                } else {
                    top.put(key, p.readValueAsTree());
                }
            }
        } catch (IOException e) {
            long ln = dev.sieve.core.Messages.line(e);
            throw new InputException(fname, ln > 0 ? ln : line, dev.sieve.core.Messages.reason(e), e);
        }
        return build(fname, top, topLine, entries, functionKeys);
    }

    /** One function entry as read, with its location. */
    private record Entry(String element, int index, int line, JsonNode node) {
        String where() {
            return "functions." + element + "[" + index + "]";
        }
    }

    private static void readFunctions(JsonParser p, String fname, List<Entry> entries, List<String> keys) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InputException(fname, line, "functions: expected a mapping from element to a list of functions");
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String el = p.currentName();
            line = p.currentTokenLocation().getLineNr();
            if (keys.contains(el)) {
                throw new InputException(fname, line, "functions: element " + el + " given twice");
            }
            keys.add(el);
            t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new InputException(fname, p.currentTokenLocation().getLineNr(),
                    "functions." + el + ": expected a list of functions");
            }
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                int ln = p.currentTokenLocation().getLineNr();
                JsonNode n = p.readValueAsTree();
                entries.add(new Entry(el, i++, ln, n));
            }
        }
    }

    private static SymmetryFunctionSet build(String fname, Map<String, JsonNode> top, Map<String, Integer> topLine,
                                             List<Entry> entries, List<String> functionKeys) {
        JsonNode format = top.get("format");
        if (format != null && !(format.isTextual() && format.asText().equals(FORMAT))) {
            throw new InputException(fname, topLine.get("format"), "format: expected '" + FORMAT + "', got " + format);
        }
        JsonNode version = top.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asInt() == VERSION)) {
            throw new InputException(fname, topLine.get("version"), "version: expected " + VERSION + ", got " + version);
        }
        if (!topLine.containsKey("functions")) {
            throw new InputException(fname, -1, "missing key 'functions' (a mapping from element to a list of functions)");
        }
        String name = fname;
        JsonNode nameNode = top.get("name");
        if (nameNode != null) {
            if (!nameNode.isValueNode() || nameNode.isNull()) {
                throw new InputException(fname, topLine.get("name"), "name: expected a string, got " + nameNode);
            }
            name = nameNode.asText();
        }
        String convention = null;
        JsonNode conv = top.get("angular_convention");
        if (conv != null) {
            convention = conv.asText();
            if (!conv.isTextual() || !Set.of("wide", "narrow", "mixed", "none").contains(convention)) {
                throw new InputException(fname, topLine.get("angular_convention"),
                    "angular_convention: expected wide, narrow, mixed or none, got " + conv);
            }
        }
        Cut def = new Cut(CutoffType.COS, 0);
        if (top.get("cutoff") != null) {
            def = parseCut(fname, topLine.get("cutoff"), "cutoff", top.get("cutoff"));
        }
        List<String> elements = new ArrayList<>();
        JsonNode elNode = top.get("elements");
        if (elNode != null) {
            int ln = topLine.get("elements");
            if (!elNode.isArray()) {
                throw new InputException(fname, ln, "elements: expected a list of element symbols, got " + elNode);
            }
            for (JsonNode e : elNode) {
                String s = symbol(fname, ln, "elements", e);
                if (elements.contains(s)) {
                    throw new InputException(fname, ln, "elements: " + s + " listed twice");
                }
                elements.add(s);
            }
            for (String k : functionKeys) {
                if (!elements.contains(k)) {
                    throw new InputException(fname, topLine.get("functions"), "functions given for element " + k
                        + " which is not in elements " + elements);
                }
            }
        } else {
            for (String k : functionKeys) {
                if (!Elements.isSymbol(k)) {
                    throw new InputException(fname, topLine.get("functions"), "functions: unknown element symbol '" + k + "'");
                }
                elements.add(k);
            }
        }
        Map<String, List<SymmetryFunction>> byEl = new LinkedHashMap<>();
        Map<String, TreeMap<SymmetryFunction, Entry>> seen = new LinkedHashMap<>();
        boolean narrow = false;
        boolean wide = false;
        for (Entry en : entries) {
            SymmetryFunction f = parseEntry(fname, en, def, convention, elements);
            narrow |= f.type() == SymmetryFunction.ANGULAR_NARROW;
            wide |= f.type() == SymmetryFunction.ANGULAR_WIDE;
            Entry prev = seen.computeIfAbsent(en.element(), k -> new TreeMap<>(SymmetryFunction.N2P2_ORDER)).putIfAbsent(f, en);
            if (prev != null) {
                throw new InputException(fname, en.line(), en.where() + ": duplicate of " + prev.where() + " (" + f.name() + ")");
            }
            byEl.computeIfAbsent(en.element(), k -> new ArrayList<>()).add(f);
        }
        if ((narrow || wide) && convention == null) {
            throw new InputException(fname, -1, "missing key 'angular_convention' (wide = type 9, narrow = type 3, mixed); "
                + "required when there are angular functions");
        }
        if (convention != null) {
            String actual = narrow && wide ? "mixed" : narrow ? "narrow" : wide ? "wide" : "none";
            if (!actual.equals(convention)) {
                throw new InputException(fname, topLine.get("angular_convention"), "angular_convention is " + convention
                    + " but the functions are " + actual + describeTypes(narrow, wide));
            }
        }
        try {
            return new SymmetryFunctionSet(name, elements, byEl);
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, -1, e.getMessage(), e);
        }
    }

    private static String describeTypes(boolean narrow, boolean wide) {
        if (narrow && wide) {
            return " (types 3 and 9)";
        }
        return narrow ? " (type 3)" : wide ? " (type 9)" : " (no angular functions)";
    }

    private static SymmetryFunction parseEntry(String fname, Entry en, Cut def, String convention, List<String> elements) {
        JsonNode n = en.node();
        String where = en.where();
        int ln = en.line();
        if (!n.isObject()) {
            throw new InputException(fname, ln, where + ": expected a mapping with type, e1, eta, rs, rc (and e2, zeta, "
                + "lambda for angular), got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ENTRY_KEYS.contains(k)) {
                throw new InputException(fname, ln, where + ": unknown key '" + k + "' (expected " + new java.util.TreeSet<>(ENTRY_KEYS)
                    + ")");
            }
        }
        JsonNode typeNode = required(fname, en, "type");
        int type;
        if (typeNode.isIntegralNumber()) {
            type = typeNode.asInt();
        } else if (typeNode.isTextual() && typeNode.asText().equals("radial")) {
            type = SymmetryFunction.RADIAL;
        } else if (typeNode.isTextual() && typeNode.asText().equals("angular")) {
            if ("wide".equals(convention)) {
                type = SymmetryFunction.ANGULAR_WIDE;
            } else if ("narrow".equals(convention)) {
                type = SymmetryFunction.ANGULAR_NARROW;
            } else {
                throw new InputException(fname, ln, where + ": type 'angular' needs angular_convention wide or narrow"
                    + (convention == null ? " (missing)" : ", it is " + convention) + "; or write type 3 or 9");
            }
        } else {
            throw new InputException(fname, ln, where + ": type: expected 2, 3, 9, radial or angular, got " + typeNode);
        }
        if (type != SymmetryFunction.RADIAL && type != SymmetryFunction.ANGULAR_NARROW
            && type != SymmetryFunction.ANGULAR_WIDE) {
            throw new InputException(fname, ln, where + ": type: expected 2, 3, 9, radial or angular, got " + typeNode);
        }
        String e1 = symbol(fname, ln, where + ": e1", required(fname, en, "e1"));
        double eta = number(fname, en, "eta");
        double rs = number(fname, en, "rs");
        double rc = number(fname, en, "rc");
        Cut c = n.has("cutoff") ? parseCut(fname, ln, where + ": cutoff", n.get("cutoff")) : def;
        checkIn(fname, ln, where + ": e1", e1, elements);
        checkIn(fname, ln, where + ": element", en.element(), elements);
        try {
            if (type == SymmetryFunction.RADIAL) {
                for (String k : List.of("e2", "zeta", "lambda")) {
                    if (n.has(k)) {
                        throw new InputException(fname, ln, where + ": radial function (type 2) has no '" + k + "'");
                    }
                }
                return SymmetryFunction.radial(en.element(), e1, eta, rs, rc, c.type(), c.alpha());
            }
            String e2 = symbol(fname, ln, where + ": e2", required(fname, en, "e2"));
            checkIn(fname, ln, where + ": e2", e2, elements);
            double zeta = number(fname, en, "zeta");
            double lambda = number(fname, en, "lambda");
            return SymmetryFunction.angular(en.element(), type, e1, e2, eta, rs, zeta, lambda, rc, c.type(), c.alpha());
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, ln, where + ": " + e.getMessage(), e);
        }
    }

    private static void checkIn(String fname, int ln, String what, String el, List<String> elements) {
        if (!elements.contains(el)) {
            throw new InputException(fname, ln, what + " " + el + " is not in elements " + elements);
        }
    }

    private static JsonNode required(String fname, Entry en, String key) {
        JsonNode v = en.node().get(key);
        if (v == null || v.isNull()) {
            throw new InputException(fname, en.line(), en.where() + ": missing field '" + key + "'");
        }
        return v;
    }

    private static double number(String fname, Entry en, String key) {
        JsonNode v = required(fname, en, key);
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new InputException(fname, en.line(), en.where() + ": " + key + ": expected a number, got " + v);
            }
        } else {
            throw new InputException(fname, en.line(), en.where() + ": " + key + ": expected a number, got " + v);
        }
        if (!Double.isFinite(d)) {
            throw new InputException(fname, en.line(), en.where() + ": " + key + ": expected a finite number, got " + v);
        }
        return d;
    }

    private static String symbol(String fname, int ln, String what, JsonNode v) {
        if (v.isBoolean()) {
            throw new InputException(fname, ln, what + ": got the boolean " + v
                + "; quote element symbols Y, N and No in YAML (\"N\")");
        }
        String s = v.isTextual() ? v.asText() : null;
        if (s == null || !Elements.isSymbol(s)) {
            throw new InputException(fname, ln, what + ": expected an element symbol, got " + v);
        }
        return s;
    }

    private static Cut parseCut(String fname, int ln, String what, JsonNode v) {
        if (v.isTextual() || v.isIntegralNumber()) {
            return new Cut(cutType(fname, ln, what, v), 0);
        }
        if (!v.isObject()) {
            throw new InputException(fname, ln, what + ": expected {type: cos|tanhu|tanh|exp|poly1-4, alpha: 0}, got " + v);
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("type") && !k.equals("alpha")) {
                throw new InputException(fname, ln, what + ": unknown key '" + k + "' (expected type, alpha)");
            }
        }
        JsonNode t = v.get("type");
        if (t == null) {
            throw new InputException(fname, ln, what + ": missing field 'type'");
        }
        double alpha = 0;
        JsonNode a = v.get("alpha");
        if (a != null) {
            if (!a.isNumber()) {
                throw new InputException(fname, ln, what + ": alpha: expected a number, got " + a);
            }
            alpha = a.doubleValue();
            if (!(alpha >= 0 && alpha < 1)) {
                throw new InputException(fname, ln, what + ": alpha must be in [0, 1), got " + a);
            }
        }
        return new Cut(cutType(fname, ln, what, t), alpha);
    }

    private static CutoffType cutType(String fname, int ln, String what, JsonNode t) {
        try {
            return CutoffType.parse(t.asText());
        } catch (IllegalArgumentException e) {
            throw new InputException(fname, ln, what + ": " + e.getMessage());
        }
    }
}
