package dev.sieve.core;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Refuses an output that would overwrite one of a command's inputs. Paths are compared as real paths: symbolic links
 * and {@code ..} are resolved, also for outputs that do not exist yet (through their nearest existing ancestor).
 * Labels ({@code --out}, {@code OUT}, {@code --data}) are given by the caller and appear in the one-line message.
 */
public final class OutputGuard {
    private OutputGuard() {}

    /**
     * An input of a command.
     *
     * @param label how the user gave it (an option name such as {@code --data}, or {@code IN})
     * @param path  the path as given
     * @param reads for a directory: globs (relative to it, e.g. {@code weights.*.data}, {@code points/**}) of the files
     *              the command reads from it; empty = every file in it
     */
    public record Input(String label, Path path, List<String> reads) {
        public Input {
            Objects.requireNonNull(label);
            Objects.requireNonNull(path);
            reads = List.copyOf(reads);
        }
    }

    /** Globs of the files of a model directory (n2p2 potential). */
    public static final List<String> MODEL_FILES = List.of("input.nn", "scaling.data", "weights.*.data");

    /** An input file or directory (every file of a directory counts); null when {@code path} is null. */
    public static Input input(String label, Path path) {
        return path == null ? null : new Input(label, path, List.of());
    }

    /** An input directory of which only the files matching {@code reads} are read; null when {@code dir} is null. */
    public static Input directory(String label, Path dir, List<String> reads) {
        return dir == null ? null : new Input(label, dir, reads);
    }

    /** Refuses an output file {@code out} that is one of the inputs (or a file read from an input directory). */
    public static void requireFile(String label, Path out, Input... inputs) {
        requireFile(label, out, Arrays.asList(inputs));
    }

    /** The real path of {@code in} (null for a null input), refusing it when it is the output itself ({@code o}). */
    private static Path distinctInput(String label, Path out, Path o, Input in) {
        if (in == null) {
            return null;
        }
        Path i = real(in.path());
        if (o.equals(i)) {
            throw same(label, out, in);
        }
        return i;
    }

    /** As {@link #requireFile(String, Path, Input...)}. */
    public static void requireFile(String label, Path out, List<Input> inputs) {
        Path o = real(out);
        for (Input in : inputs) {
            Path i = distinctInput(label, out, o, in);
            if (i == null) {
                continue;
            }
            if (o.startsWith(i) && matchesAny(in.reads(), i.relativize(o))) {
                throw new InputException(label + " " + out + " would overwrite " + i.relativize(o) + " of the input "
                    + in.label() + " " + in.path() + "; choose another output");
            }
        }
        if (java.nio.file.Files.isDirectory(out)) {
            // checked before anything is written, so that a command writing several files fails before the first
            throw new InputException(label + " " + out + " is a directory; a file would be written there");
        }
    }

    /**
     * Refuses an output directory {@code out} that is one of the inputs, or that holds an input the command would
     * overwrite: one whose first name below {@code out} matches one of {@code writes} (globs of the names the command
     * writes into {@code out}, e.g. {@code run.json}, {@code weights.*.data}, {@code checkpoint}); empty
     * {@code writes} = any input inside {@code out}.
     */
    public static void requireDirectory(String label, Path out, List<String> writes, Input... inputs) {
        requireDirectory(label, out, writes, Arrays.asList(inputs));
    }

    /** As {@link #requireDirectory(String, Path, List, Input...)}. */
    public static void requireDirectory(String label, Path out, List<String> writes, List<Input> inputs) {
        Path o = real(out);
        for (Input in : inputs) {
            Path i = distinctInput(label, out, o, in);
            if (i == null) {
                continue;
            }
            if (i.startsWith(o) && matchesAny(writes, o.relativize(i).getName(0))) {
                throw new InputException(label + " " + out + " would overwrite the input " + in.label() + " "
                    + in.path() + "; choose another output directory");
            }
        }
    }

    /**
     * Refuses an input that is one of the files written beside {@code out}: in the same directory, with a name
     * matching {@code glob} (e.g. the per-element files {@code out.*.csv}; see {@link #globQuote}).
     */
    public static void requireBeside(String label, Path out, String glob, List<Input> inputs) {
        Path dir = real(out).getParent();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (Input in : inputs) {
            if (in == null) {
                continue;
            }
            Path i = real(in.path());
            if (dir != null && dir.equals(i.getParent()) && m.matches(i.getFileName())) {
                throw new InputException(label + " " + out + " would overwrite the input " + in.label() + " "
                    + in.path() + " (written beside it); choose another output");
            }
        }
    }

    /** {@code s} with the glob metacharacters escaped, to match itself in a glob. */
    public static String globQuote(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\,".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Collects the non-null inputs of a list. */
    public static List<Input> inputs(Input... inputs) {
        List<Input> l = new ArrayList<>();
        for (Input in : inputs) {
            if (in != null) {
                l.add(in);
            }
        }
        return l;
    }

    private static InputException same(String label, Path out, Input in) {
        String what = Files.isDirectory(real(in.path())) ? "directory" : "file";
        return new InputException(label + " " + out + " is the same " + what + " as the input " + in.label() + " "
            + in.path() + "; choose another output");
    }

    private static boolean matchesAny(List<String> globs, Path rel) {
        if (globs.isEmpty()) {
            return true;
        }
        for (String g : globs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + g);
            if (m.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The real path of {@code p}, also when it does not exist: the components are resolved one by one, symbolic links
     * of existing ones followed, so that {@code link/..} means the parent of the link's target (as the file system
     * reads it) and a missing tail is appended as written.
     */
    public static Path real(Path p) {
        Path abs = p.toAbsolutePath();
        Path cur = abs.getRoot();
        boolean exists = true;
        for (Path name : abs) {
            String n = name.toString();
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                cur = cur.getParent() == null ? cur : cur.getParent();
                continue;
            }
            Path next = cur.resolve(n);
            if (exists && Files.exists(next)) {
                try {
                    cur = next.toRealPath();
                    continue;
                } catch (IOException e) {
                    // unreadable: fall back to the name as written
                }
            }
            exists = false;
            cur = next;
        }
        return cur;
    }
}
