package dev.sieve.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Exclusive use of an output by one run: a lock file holding the owner's PID, host name, start time and command,
 * created atomically (written to a temporary file, then hard-linked to its name, which fails when the name exists).
 * A second run is refused with one line naming the holder; a lock whose process is gone (same host, PID no longer
 * alive, or alive but started at another time) is reported and taken over. {@link #close()} removes the lock (a JVM
 * shutdown hook does so on Ctrl-C) and the output directory again when the run created it and left it empty.
 * <p>
 * A directory output is locked by {@code DIR/.sieve.lock}, a file output {@code NAME} by {@code .NAME.sieve.lock}
 * beside it. While the lock is held, {@link #removeStaleTemps} deletes the temporary files that interrupted runs left.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file of a locked directory. */
    public static final String NAME = ".sieve.lock";

    private final Path dir;
    private final Path file;
    private final Path createdTop;
    private final String content;
    private final Instant start;
    private final Thread hook;
    private boolean released;

    private OutputLock(Path dir, Path file, Path createdTop, String content, Instant start) {
        this.dir = dir;
        this.file = file;
        this.createdTop = createdTop;
        this.content = content;
        this.start = start;
        this.hook = new Thread(this::release, "sieve-lock-release");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Locks the output directory {@code dir} (created if missing).
     *
     * @param label   how the user gave it, e.g. {@code --out}, for messages
     * @param command the command, e.g. {@code sieve train}, recorded in the lock file
     * @param warn    receives the one-line notice when a stale lock is taken over
     */
    public static OutputLock directory(String label, Path dir, String command, Consumer<String> warn) {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new InputException(label + " " + dir + " exists and is not a directory");
        }
        Path created = createDirectories(label, dir, d);
        return acquire(label, dir, d, d.resolve(NAME), created, command, warn);
    }

    /** Locks the output file {@code out} by {@code .NAME.sieve.lock} beside it (its directory created if missing). */
    public static OutputLock file(String label, Path out, String command, Consumer<String> warn) {
        Path o = out.toAbsolutePath().normalize();
        if (Files.isDirectory(o)) {
            throw new InputException(label + " " + out + " is a directory; expected a file name");
        }
        Path d = o.getParent();
        Path created = createDirectories(label, out, d);
        return acquire(label, out, d, d.resolve("." + o.getFileName() + NAME), created, command, warn);
    }

    /** The lock file. */
    public Path lockFile() {
        return file;
    }

    /** When this run took the lock; temporary files older than this are leftovers. */
    public Instant start() {
        return start;
    }

    /**
     * Deletes the temporary files of {@link AtomicFile} ({@code .NAME.<digits>.tmp}) older than this run that
     * interrupted runs left in the locked directory, for the targets {@code owned} accepts (a target name such as
     * {@code thermo.csv}); with {@code recursive}, also in subdirectories that no other run has locked. Returns how
     * many were deleted.
     */
    public int removeStaleTemps(Predicate<String> owned, boolean recursive) {
        try {
            return removeStaleTemps(dir, owned, recursive);
        } catch (IOException e) {
            return 0; // best effort: leftovers are harmless
        }
    }

    private int removeStaleTemps(Path d, Predicate<String> owned, boolean recursive) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (recursive && !Files.exists(p.resolve(NAME))) {
                        n += removeStaleTemps(p, owned, true);
                    }
                    continue;
                }
                String target = AtomicFile.tempTarget(name);
                if (target != null && owned.test(target) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(p).toInstant().isBefore(start) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Removes the lock (if still this run's) and the output directory when this run created it and it is empty. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook releases
        }
        release();
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (content.equals(readOrNull(file))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // best effort
        }
        if (createdTop != null) {
            for (Path p = dir; p != null && p.startsWith(createdTop); p = p.getParent()) {
                try {
                    Files.delete(p); // only an empty directory can be deleted
                } catch (IOException e) {
                    break;
                }
            }
        }
    }

    private static OutputLock acquire(String label, Path given, Path dir, Path file, Path created, String command,
                                      Consumer<String> warn) {
        Instant start = Instant.now();
        String content = content(command, start);
        boolean ok = false;
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                if (create(label, dir, file, content)) {
                    OutputLock lock = new OutputLock(dir, file, created, content, start);
                    ok = true;
                    return lock;
                }
                String held = readOrNull(file);
                if (held == null) {
                    continue; // released meanwhile: try again
                }
                Holder h = Holder.parse(held);
                if (!h.gone()) {
                    throw new InputException(label + " " + given + " is in use by another run (" + h.describe()
                        + "; lock file " + file + "); wait for it, or delete the lock file if that run is gone");
                }
                if (takeOver(dir, file, held)) {
                    warn.accept(label + " " + given + ": took over the stale lock of a run that is gone ("
                        + h.describe() + ")");
                }
            }
            throw new InputException(label + " " + given + ": cannot take the lock file " + file
                + " (other runs keep taking it)");
        } finally {
            if (!ok && created != null) {
                for (Path p = dir; p != null && p.startsWith(created); p = p.getParent()) {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        break;
                    }
                }
            }
        }
    }

    /** Creates the lock file with its full content at once; false when it exists. */
    private static boolean create(String label, Path dir, Path file, String content) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, NAME + ".", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links here: create the name exclusively and fill it
                try {
                    Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                    return true;
                } catch (FileAlreadyExistsException e2) {
                    return false;
                }
            }
        } catch (IOException e) {
            throw new InputException(null, -1, label + " " + dir + ": cannot create the lock file "
                + file.getFileName() + ": " + reason(e), e);
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
     * Removes a stale lock whose content was {@code held}: renamed away first, so that of several runs taking it over
     * at once only one removes it, and put back if what was renamed is not the stale lock (a new holder's).
     */
    private static boolean takeOver(Path dir, Path file, String held) {
        try {
            Path aside = Files.createTempFile(dir, NAME + ".stale.", ".tmp");
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(aside);
                return false;
            }
            if (!held.equals(readOrNull(aside))) {
                try {
                    Files.createLink(file, aside); // a fresh lock: give it back
                } catch (IOException | UnsupportedOperationException ignored) {
                    // its holder keeps running; ours will be refused or proceed by the next check
                }
                Files.deleteIfExists(aside);
                return false;
            }
            Files.deleteIfExists(aside);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String readOrNull(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path createDirectories(String label, Path given, Path d) {
        Path top = null;
        for (Path p = d; p != null && !Files.exists(p); p = p.getParent()) {
            top = p;
        }
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new InputException(null, -1, label + " " + given + ": cannot create directory: " + reason(e), e);
        }
        return top;
    }

    private static String content(String command, Instant start) {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder sb = new StringBuilder();
        sb.append("pid=").append(self.pid()).append('\n');
        sb.append("host=").append(hostName()).append('\n');
        sb.append("since=").append(start.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        self.info().startInstant().ifPresent(t -> sb.append("process_start=").append(t).append('\n'));
        sb.append("command=").append(command.replaceAll("\\R", " ")).append('\n');
        return sb.toString();
    }

    /** This machine's name: the kernel's (Linux), else $HOSTNAME, else the resolver's. */
    static String hostName() {
        try {
            Path k = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(k)) {
                String h = Files.readString(k).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
        } catch (IOException e) {
            // next source
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What a lock file says about its holder. */
    record Holder(Long pid, String host, String since, String processStart, String command) {
        static Holder parse(String text) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : text.split("\\R")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            Long pid = null;
            try {
                pid = m.containsKey("pid") ? Long.valueOf(m.get("pid")) : null;
            } catch (NumberFormatException e) {
                // unknown holder
            }
            return new Holder(pid, m.get("host"), m.get("since"), m.get("process_start"), m.get("command"));
        }

        /** True when the holder is known to be gone: this host, and its PID is not alive (or is another process). */
        boolean gone() {
            if (pid == null || host == null || !host.equals(hostName())) {
                return false;
            }
            var h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return true;
            }
            if (processStart != null) {
                var started = h.get().info().startInstant();
                try {
                    // another process under a reused PID started at another time (a second's slack for rounding)
                    return started.isPresent()
                        && Math.abs(started.get().toEpochMilli() - Instant.parse(processStart).toEpochMilli()) > 2000;
                } catch (java.time.format.DateTimeParseException e) {
                    return false;
                }
            }
            return false;
        }

        String describe() {
            String who = command == null ? "" : shorten(command) + ", ";
            return who + "PID " + (pid == null ? "?" : pid) + " on host " + (host == null ? "?" : host) + " since "
                + (since == null ? "?" : since);
        }

        private static String shorten(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
