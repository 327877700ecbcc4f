package dev.sieve.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
                    for (Path p : ds) {
                        Path dest = target.resolve(p.getFileName().toString());
                        if (Files.isDirectory(dest)) {
                            throw new InputException(dest.toString(), -1, "is a directory; cannot replace it with a file");
                        }
                        try {
                            Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                deleteRecursively(tmp);
            }
            done = true;
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot write output directory: " + e.getMessage(), e);
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
