package dev.sieve.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is
 * renamed over the target only when writing finished without error. On failure nothing is left
 * behind. A target whose name ends in {@code .gz} is gzip-compressed.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Body of a write: may throw IOException or any runtime exception (e.g. {@link InputException}). */
    @FunctionalInterface
    public interface WriterBody {
        void write(Writer w) throws IOException;
    }

    @FunctionalInterface
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, WriterBody body) {
        writeStream(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }

    public static void writeString(Path target, String content) {
        write(target, w -> w.write(content));
    }

    public static void writeStream(Path target, StreamBody body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = createTemp(dir, abs);
            try (OutputStream raw = Files.newOutputStream(tmp)) {
                OutputStream out = abs.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                body.write(out);
                out.flush();
                if (out instanceof GZIPOutputStream g) {
                    g.finish();
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /**
     * An atomic output kept open across calls (e.g. several files written side by side):
     * {@link #commit()} renames the temporary file over the target, {@link #close()} without a
     * commit deletes it.
     */
    public static final class Output implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final Writer writer;
        private boolean done;

        public Output(Path target) {
            this.target = target.toAbsolutePath();
            try {
                Path dir = this.target.getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                tmp = createTemp(dir, this.target);
                OutputStream raw = Files.newOutputStream(tmp);
                OutputStream out = this.target.getFileName().toString().endsWith(".gz")
                    ? new GZIPOutputStream(raw, 1 << 16) : raw;
                writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new InputException(target.toString(), -1, "cannot write: " + e.getMessage(), e);
            }
        }

        public Writer writer() {
            return writer;
        }

        public Path target() {
            return target;
        }

        public void commit() {
            try {
                writer.close();
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
            } catch (IOException e) {
                throw new InputException(target.toString(), -1, "cannot write: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                try {
                    writer.close();
                } catch (IOException ignored) {
                    // being discarded anyway
                }
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
                done = true;
            }
        }
    }

    /** Names of the temporary files of {@link #createTemp}: {@code .NAME.<digits>.tmp} for target {@code NAME}. */
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("\\.(.+)\\.\\d+\\.tmp");

    /**
     * The target name of a temporary file name made by this class ({@code data.xyz} for
     * {@code .data.xyz.123456789.tmp}), or null when {@code fileName} is not such a name.
     */
    public static String tempTarget(String fileName) {
        java.util.regex.Matcher m = TEMP_NAME.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** A temporary file beside the target, readable like a normally created file (rw-r--r--). */
    static Path createTemp(Path dir, Path target) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        return tmp;
    }

    /** Wraps an IOException so it can leave a lambda. */
    public static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
