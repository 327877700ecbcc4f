package dev.sieve.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory written as a whole: files go to a hidden temporary directory beside the
 * target, and {@link #commit()} renames it to the target (or, when the target directory already
 * exists, moves the files into it, replacing files of the same name). {@link #close()} without a
 * commit deletes the temporary directory, so a failed run leaves no output directory behind.
 */
public final class StagedDirectory implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private boolean done;

    /** Creates the temporary directory beside {@code target} (creating the parent if needed). */
    public StagedDirectory(Path target) {
        this.target = target.toAbsolutePath().normalize();
        checkTarget(target);
        Path parent = this.target.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            tmp = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".");
            try {
                // like a normally created directory, not the private mode of a temporary one
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default
            }
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot create output directory: " + e.getMessage(), e);
        }
    }

    /** Fails early (before any work) when {@code target} exists and is not a directory. */
    public static void checkTarget(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InputException(target.toString(), -1, "exists and is not a directory");
        }
    }

    /** The directory to write into now. */
    public Path path() {
        return tmp;
    }

    /** The final directory. */
    public Path target() {
        return target;
    }

    /** Makes the written files appear in the target directory. */
    public void commit() {
        if (done) {
            throw new IllegalStateException("already committed or closed");
        }
        try {
            if (!Files.exists(target)) {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                }
            } else {
                checkTarget(target);
                replaceInto();
                deleteRecursively(tmp);
            }
            done = true;
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot write output directory: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the staged files into the existing target as one unit: every name is checked first (a directory in the
     * way refuses before anything moves), the files they replace are set aside in the staging directory, and a move
     * that fails puts back every file already replaced, so the target ends either all old or all new.
     */
    private void replaceInto() throws IOException {
        List<Path> staged = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            ds.forEach(staged::add);
        }
        staged.sort(Comparator.naturalOrder());
        for (Path p : staged) {
            Path dest = target.resolve(p.getFileName().toString());
            if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(dest.toString(), -1, "is a directory; cannot replace it with a file "
                    + "(nothing in " + target + " was changed)");
            }
        }
        Path old = Files.createDirectory(tmp.resolve(".replaced"));
        List<Path> moved = new ArrayList<>();
        try {
            for (Path p : staged) {
                String name = p.getFileName().toString();
                Path dest = target.resolve(name);
                if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    move(dest, old.resolve(name));
                }
                moved.add(p);
                move(p, dest);
            }
        } catch (IOException | RuntimeException e) {
            restore(moved, old);
            throw e;
        }
    }

    /** Puts the files set aside in {@code old} back in place of the staged ones already moved (best effort). */
    private void restore(List<Path> moved, Path old) {
        for (Path p : moved) {
            String name = p.getFileName().toString();
            Path dest = target.resolve(name);
            try {
                if (Files.exists(old.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    move(old.resolve(name), dest);
                } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(dest);
                }
            } catch (IOException ignored) {
                // best effort: the commit failed already
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                deleteRecursively(tmp);
            } catch (IOException ignored) {
                // best effort: the run failed already
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
