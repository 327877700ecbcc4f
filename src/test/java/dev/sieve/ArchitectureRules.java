package dev.sieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source scanner behind {@link ArchitectureTest}: package dependencies from {@code import} lines and fully
 * qualified {@code dev.sieve.x.Y} references in code (comments and literals are ignored), package cycles, references
 * to the command line, and method lengths by brace counting. It works on source text given as a map from a path
 * relative to the source root ({@code "nn/Network.java"}) to the file's contents, so that it can be tried on small
 * synthetic inputs.
 */
final class ArchitectureRules {
    private ArchitectureRules() {}

    static final String ROOT = "dev.sieve";

    /** An edge of the package graph, with the first file (in path order) that makes it. */
    record Edge(String from, String to, String file) {}

    /** A method or constructor and the lines it spans (from the line of its name to its closing brace, inclusive). */
    record MethodSpan(String file, String name, int firstLine, int lastLine) {
        int lines() {
            return lastLine - firstLine + 1;
        }

        /** How the allow-list names it: {@code "train/TrainJob.java#run"}. */
        String key() {
            return file + "#" + name;
        }
    }

    /** Every {@code .java} file under {@code root}, keyed by its path relative to {@code root} with '/' separators. */
    static Map<String, String> readSources(Path root) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                m.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    // ---------------------------------------------------------------- lexing

    /**
     * The source with comments, string, text-block and character literals replaced by spaces (line breaks kept), so
     * that offsets and line numbers are those of the original.
     */
    static String blank(String src) {
        char[] c = src.toCharArray();
        int n = c.length;
        int i = 0;
        while (i < n) {
            char ch = c[i];
            if (ch == '/' && i + 1 < n && c[i + 1] == '/') {
                while (i < n && c[i] != '\n') {
                    c[i++] = ' ';
                }
            } else if (ch == '/' && i + 1 < n && c[i + 1] == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                clear(c, i, end);
                i = end;
            } else if (ch == '"' && src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += c[j] == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 3);
                clear(c, i, end);
                i = end;
            } else if (ch == '"' || ch == '\'') {
                int j = i + 1;
                while (j < n && c[j] != ch && c[j] != '\n') {
                    j += c[j] == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                clear(c, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return new String(c);
    }

    private static void clear(char[] c, int from, int to) {
        for (int k = from; k < to && k < c.length; k++) {
            if (c[k] != '\n') {
                c[k] = ' ';
            }
        }
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ---------------------------------------------------------------- package graph

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** {@code dev.sieve.} then lower-case segments (the package), then optionally a type name, '*' or a member. */
    private static final Pattern REFERENCE =
        Pattern.compile("(?<![\\w.])dev\\s*\\.\\s*sieve((?:\\s*\\.\\s*[a-z_][a-z0-9_]*)*)");

    /** The graph name of a package: {@code dev.sieve.nn} is {@code nn}, {@code dev.sieve} itself is {@code (root)}. */
    static String shortName(String pkg) {
        if (pkg.equals(ROOT)) {
            return "(root)";
        }
        return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
    }

    /** The package a file declares (short name), or null if none. */
    static String packageOf(String blanked) {
        Matcher m = PACKAGE.matcher(blanked);
        return m.find() ? shortName(m.group(1)) : null;
    }

    /** Short names of the dev.sieve packages a file refers to (imports, static imports, fully qualified names). */
    static Set<String> referencedPackages(String blanked) {
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(blanked);
        while (m.find()) {
            String tail = m.group(1).replaceAll("\\s+", "");
            if (blanked.startsWith("package", lineStart(blanked, m.start()))) {
                continue; // the file's own package declaration
            }
            out.add(shortName(ROOT + tail));
        }
        return out;
    }

    private static int lineStart(String s, int offset) {
        int k = offset;
        while (k > 0 && s.charAt(k - 1) != '\n') {
            k--;
        }
        while (k < offset && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** The edges between different packages, sorted; each with the first file (in path order) that makes it. */
    static List<Edge> edges(Map<String, String> sources) {
        Map<String, Map<String, String>> g = new TreeMap<>();
        for (Map.Entry<String, String> f : new TreeMap<>(sources).entrySet()) {
            String blanked = blank(f.getValue());
            String from = packageOf(blanked);
            if (from == null) {
                continue;
            }
            for (String to : referencedPackages(blanked)) {
                if (!to.equals(from)) {
                    g.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, f.getKey());
                }
            }
        }
        List<Edge> out = new ArrayList<>();
        g.forEach((from, tos) -> tos.forEach((to, file) -> out.add(new Edge(from, to, file))));
        return out;
    }

    /**
     * One cycle per strongly connected component of more than one package, each as
     * {@code "a -> b -> a"} followed by one indented line per edge naming the file that makes it; empty if the graph
     * has no cycle.
     */
    static List<String> cycles(List<Edge> edges) {
        Map<String, Map<String, String>> g = new TreeMap<>();
        for (Edge e : edges) {
            g.computeIfAbsent(e.from(), k -> new TreeMap<>()).put(e.to(), e.file());
            g.computeIfAbsent(e.to(), k -> new TreeMap<>());
        }
        List<String> out = new ArrayList<>();
        for (Set<String> scc : stronglyConnected(g)) {
            if (scc.size() < 2) {
                continue;
            }
            String start = scc.iterator().next();
            List<String> path = shortestCycle(g, scc, start);
            StringBuilder sb = new StringBuilder(String.join(" -> ", path));
            for (int k = 0; k + 1 < path.size(); k++) {
                sb.append("\n    ").append(path.get(k)).append(" -> ").append(path.get(k + 1)).append(": ")
                    .append(g.get(path.get(k)).get(path.get(k + 1)));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Tarjan's algorithm (recursive; the graph has a handful of nodes); components as sorted sets. */
    private static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, g, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Map<String, String>> g, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : g.get(v).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, g, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> c = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            out.add(c);
        }
    }

    /** Shortest path start -> ... -> start inside one component (breadth first, neighbours in name order). */
    private static List<String> shortestCycle(Map<String, Map<String, String>> g, Set<String> scc, String start) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String v = queue.poll();
            for (String w : g.get(v).keySet()) {
                if (!scc.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    last = v;
                    break;
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        List<String> path = new ArrayList<>();
        path.add(start);
        for (String v = last; v != null && !v.equals(start); v = parent.get(v)) {
            path.add(1, v);
        }
        path.add(start);
        return path;
    }

    /** Files outside {@code cli} that refer to {@code cli}, as {@code "file -> cli"}. */
    static List<String> cliReferences(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(sources).entrySet()) {
            String blanked = blank(f.getValue());
            String from = packageOf(blanked);
            if (from == null || from.equals("cli") || from.startsWith("cli.")) {
                continue;
            }
            for (String to : referencedPackages(blanked)) {
                if (to.equals("cli") || to.startsWith("cli.")) {
                    out.add(f.getKey() + " (package " + from + ") -> " + to);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- method lengths

    private enum Kind { TYPE, METHOD, BLOCK }

    private static final class Frame {
        final Kind kind;
        final boolean isEnum;
        boolean enumConstantsDone;
        final String name;
        final int firstLine;

        Frame(Kind kind, boolean isEnum, String name, int firstLine) {
            this.kind = kind;
            this.isEnum = isEnum;
            this.name = name;
            this.firstLine = firstLine;
        }
    }

    private static final Pattern ANNOTATION = Pattern.compile("@(?!interface\\b)[\\w.]+(\\s*\\([^()]*\\))?");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|enum|record)\\s+[A-Za-z_$]");
    private static final Pattern ENUM_DECLARATION = Pattern.compile("\\benum\\s+[A-Za-z_$]");
    /** A method or constructor header: name, parameter list, optional throws clause, then the body's brace. */
    private static final Pattern METHOD_HEADER =
        Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\([^;]*\\)\\s*(throws\\s+[\\w.$<>,\\s]+)?$", Pattern.DOTALL);
    /** A compact canonical constructor of a record: modifiers and the record's name only. */
    private static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("(?:\\b\\w+\\s+)*([A-Z][\\w$]*)$");

    /** The methods and constructors of a source file with the lines they span (nested blocks count as lines). */
    static List<MethodSpan> methods(String file, String source) {
        String b = blank(source);
        List<MethodSpan> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < b.length(); i++) {
            char ch = b.charAt(i);
            if (ch == '{') {
                Frame top = stack.peek();
                if (top == null || top.kind == Kind.TYPE) {
                    stack.push(classify(b, headerStart, i, top));
                } else {
                    stack.push(new Frame(Kind.BLOCK, false, null, 0));
                }
                headerStart = i + 1;
            } else if (ch == '}') {
                Frame f = stack.poll();
                if (f != null && f.kind == Kind.METHOD) {
                    out.add(new MethodSpan(file, f.name, f.firstLine, lineOf(b, i)));
                }
                headerStart = i + 1;
            } else if (ch == ';') {
                Frame top = stack.peek();
                if (top != null && top.kind == Kind.TYPE && top.isEnum) {
                    top.enumConstantsDone = true;
                }
                headerStart = i + 1;
            }
        }
        return out;
    }

    /** What a brace at type level opens, judged by the text since the previous ';', '{' or '}'. */
    private static Frame classify(String b, int headerStart, int brace, Frame enclosing) {
        if (enclosing != null && enclosing.isEnum && !enclosing.enumConstantsDone) {
            return new Frame(Kind.TYPE, false, null, 0); // body of an enum constant
        }
        // annotations masked by spaces of the same length, so offsets in the header are offsets in the file
        StringBuilder masked = new StringBuilder(b.substring(headerStart, brace));
        Matcher a = ANNOTATION.matcher(masked.toString());
        while (a.find()) {
            for (int k = a.start(); k < a.end(); k++) {
                if (masked.charAt(k) != '\n') {
                    masked.setCharAt(k, ' ');
                }
            }
        }
        String header = masked.toString().strip();
        int lead = masked.indexOf(header.isEmpty() ? " " : header.substring(0, 1));
        if (TYPE_DECLARATION.matcher(header).find()) {
            return new Frame(Kind.TYPE, ENUM_DECLARATION.matcher(header).find(), null, 0);
        }
        if (header.isEmpty() || header.equals("static") || header.contains("=") || header.contains("->")) {
            return new Frame(Kind.BLOCK, false, null, 0); // initializer, array or anonymous class in a field
        }
        Matcher m = METHOD_HEADER.matcher(header);
        if (!m.find()) {
            m = COMPACT_CONSTRUCTOR.matcher(header);
            if (!m.find()) {
                return new Frame(Kind.BLOCK, false, null, 0);
            }
        }
        return new Frame(Kind.METHOD, false, m.group(1), lineOf(b, headerStart + lead + m.start(1)));
    }

    private static final Pattern HOT_KERNEL = Pattern.compile("@(?:dev\\.sieve\\.core\\.)?HotKernel\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The reason given by the {@code @HotKernel("...")} annotation of the method at {@code m}, or null: the lines
     * above its name, up to the end of the previous member (a line ending in ';', '{' or '}').
     */
    static String hotKernelReason(String source, MethodSpan m) {
        String[] lines = source.split("\n", -1);
        StringBuilder above = new StringBuilder();
        for (int k = m.firstLine() - 2; k >= 0; k--) {
            String t = lines[k].strip();
            if (t.endsWith(";") || t.endsWith("{") || t.endsWith("}") && !t.startsWith("@")) {
                break;
            }
            above.insert(0, t + " ");
        }
        above.append(lines[m.firstLine() - 1]);
        Matcher h = HOT_KERNEL.matcher(above);
        return h.find() ? h.group(1) : null;
    }

    /** Methods and constructors longer than {@code maxLines} in the given files, in file and line order. */
    static List<MethodSpan> longMethods(Map<String, String> sources, int maxLines) {
        List<MethodSpan> out = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(sources).entrySet()) {
            for (MethodSpan m : methods(f.getKey(), f.getValue())) {
                if (m.lines() > maxLines) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
