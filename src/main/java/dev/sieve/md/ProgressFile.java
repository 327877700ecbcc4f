package dev.sieve.md;

import dev.sieve.core.InputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file that grows during a run and can be continued after a kill: written as {@code NAME.part} beside the
 * target, {@link #flush} gives its length (recorded in a restart), {@link #commit} renames it to the target when the
 * run completes. Opened to resume at a recorded length it truncates whatever was written after that length (a
 * completed target is taken back as the part file). Closed without a commit, the part file is deleted unless
 * {@link #keep} was called (a run with a restart to continue from keeps it).
 */
final class ProgressFile implements AutoCloseable {
    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final Writer writer;
    private boolean keep;
    private boolean done;

    /**
     * @param resumeAt length to continue at, or -1 for a new file
     */
    ProgressFile(Path target, long resumeAt) {
        this.target = target.toAbsolutePath();
        this.part = partOf(this.target);
        try {
            Files.createDirectories(this.target.getParent());
            if (resumeAt >= 0) {
                if (!Files.exists(part) && Files.exists(this.target)) {
                    Files.move(this.target, part, StandardCopyOption.REPLACE_EXISTING);
                }
                long have = Files.exists(part) ? Files.size(part) : -1;
                if (have < resumeAt) {
                    throw new InputException(part.toString(), -1, (have < 0 ? "is missing" : "has " + have + " bytes")
                        + ", but the restart records " + resumeAt + "; cannot resume (start a new run)");
                }
                channel = FileChannel.open(part, StandardOpenOption.WRITE);
                channel.truncate(resumeAt);
                channel.position(resumeAt);
                keep = true;
            } else {
                channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            }
            writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot write: " + e.getMessage(), e);
        }
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    Writer writer() {
        return writer;
    }

    /** Writes out what is buffered and returns the file's length. */
    long flush() throws IOException {
        writer.flush();
        return channel.position();
    }

    /** From now on an uncommitted file is kept on close (a restart refers to it). */
    void keep() {
        keep = true;
    }

    /** Renames the complete file to the target; returns its length. */
    long commit() {
        try {
            long n = flush();
            writer.close();
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return n;
        } catch (IOException e) {
            throw new InputException(target.toString(), -1, "cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (IOException ignored) {
            // being discarded or kept as it is
        }
        if (!keep) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
