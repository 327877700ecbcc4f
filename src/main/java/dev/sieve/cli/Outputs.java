package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.core.StagedDirectory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Output safety of the commands: the inputs hidden in specs (a set file in {@code --sf}, an EAM file or model
 * directory in a potential spec) for {@link OutputGuard}, and the locks of long runs ({@link OutputLock}) with the
 * removal of the temporary files interrupted runs left.
 */
final class Outputs {
    private Outputs() {}

    /** The file of a symmetry-function spec ({@code input.nn[@bohr]}, {@code set.yaml}); null for built-in sets. */
    static OutputGuard.Input sfSpec(String label, String spec) {
        if (spec == null) {
            return null;
        }
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("thesis") || lower.startsWith("grid")) {
            return null;
        }
        int at = s.lastIndexOf('@');
        if (at > 0 && !exists(s)) {
            s = s.substring(0, at);
        }
        return exists(s) ? OutputGuard.input(label, Path.of(s)) : null;
    }

    /** The file or model directory of a potential spec ({@code eam:FILE}, {@code hdnnp:DIR}); null for others. */
    static OutputGuard.Input potentialSpec(String label, String spec) {
        if (spec == null) {
            return null;
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String arg = s.substring(colon + 1);
        if (kind.startsWith("eam") && exists(arg)) {
            return OutputGuard.input(label, Path.of(arg));
        }
        if (kind.equals("hdnnp") && exists(arg)) {
            return model(label, Path.of(arg));
        }
        return null;
    }

    /** A model directory as input: its n2p2 files are read. */
    static OutputGuard.Input model(String label, Path dir) {
        return OutputGuard.directory(label, dir, OutputGuard.MODEL_FILES);
    }

    /** The inputs of {@link PotentialOptions}. */
    static List<OutputGuard.Input> potential(PotentialOptions p) {
        return OutputGuard.inputs(model("--model", p.model), potentialSpec("--potential", p.potential));
    }

    /** What writes a command's files into a (staging) directory. */
    @FunctionalInterface
    interface DirectoryWriter {
        void write(Path dir) throws Exception;
    }

    /**
     * Writes the files of {@code out} as one unit ({@link StagedDirectory}): into a temporary directory beside it,
     * moved into place only when {@code writer} has written them all, so a failure leaves the previous files of
     * {@code out} (or no directory) as they were.
     */
    static void staged(Path out, DirectoryWriter writer) throws Exception {
        try (StagedDirectory dir = new StagedDirectory(out)) {
            writer.write(dir.path());
            dir.commit();
        }
    }

    /**
     * Locks the output directory of a long run (created if missing) and removes the temporary files interrupted
     * runs left in it.
     */
    static OutputLock lockDirectory(String label, Path dir, CommandSpec spec) {
        OutputLock lock = OutputLock.directory(label, dir, spec.qualifiedName(" "), Outputs::warn);
        lock.removeStaleTemps(name -> true, true);
        return lock;
    }

    /**
     * Locks an output file of a long run and removes the temporary files of it and of its {@code .run.json} that
     * interrupted runs left beside it.
     */
    static OutputLock lockFile(String label, Path out, CommandSpec spec) {
        OutputLock lock = OutputLock.file(label, out, spec.qualifiedName(" "), Outputs::warn);
        String name = out.toAbsolutePath().normalize().getFileName().toString();
        lock.removeStaleTemps(n -> n.equals(name) || n.equals(name + ".run.json"), false);
        return lock;
    }

    private static void warn(String message) {
        System.err.println("sieve: " + message);
    }

    private static boolean exists(String p) {
        try {
            return !p.isEmpty() && Files.exists(Path.of(p));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
