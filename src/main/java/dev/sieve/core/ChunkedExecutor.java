package dev.sieve.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.IntConsumer;

/**
 * The one thread pool of the kernels: a fixed number of daemon threads running work cut into fixed chunks, so that
 * results depend on the item count and the chunk count only, never on timing.
 *
 * <p>{@code n} items cut into {@code chunks} chunks give chunk {@code c} the items
 * {@code [n c / chunks, n (c + 1) / chunks)} (integer division, {@link #chunkStart}). Each chunk writes into its own
 * buffers (indexed by the chunk, not by the thread), and the caller combines them in chunk order, or lets
 * {@link #mapReduce} do it. With one thread, or one chunk, the chunks run on the calling thread in order.
 *
 * <p>A call returns when every chunk has finished; the first failure in chunk order is then rethrown as it was
 * thrown in its chunk ({@link Parallel#awaitAll}: runtime exceptions and errors unwrapped). Chunks after a failed one
 * that have not started yet are skipped; chunks before it always run, so the failure reported does not depend on
 * timing. Close the executor to stop its threads. Calls from several threads at once are allowed; a chunk must not call back into the same
 * executor (a fixed pool would wait on itself).
 */
public final class ChunkedExecutor implements AutoCloseable {
    /** Body of one chunk: its index and its items {@code [from, to)}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    /** The value of one chunk, for {@link #mapReduce}. */
    @FunctionalInterface
    public interface ChunkFunction<R> {
        R apply(int chunk, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    /**
     * @param threads    worker threads (1: everything runs on the calling thread and no thread is started)
     * @param threadName name of the worker threads
     */
    public ChunkedExecutor(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public int threads() {
        return threads;
    }

    /** {@code min(threads, max(1, n / minPerChunk))}: one chunk per thread, but at least {@code minPerChunk} items each. */
    public int chunkCount(int n, int minPerChunk) {
        return Math.min(threads, Math.max(1, n / minPerChunk));
    }

    /** First item of chunk {@code c} of {@code n} items in {@code chunks} chunks: {@code n c / chunks}. */
    public static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /** Runs {@code body} on each of the {@code chunks} chunks of {@code [0, n)} and waits for all of them. */
    public void forEachChunk(int n, int chunks, ChunkBody body) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be >= 1, got " + chunks);
        }
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>(chunks);
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        for (int c = 0; c < chunks; c++) {
            int cc = c;
            int from = chunkStart(n, chunks, c);
            int to = chunkStart(n, chunks, c + 1);
            fs.add(pool.submit(() -> {
                if (cc > firstFailed.get()) {
                    return; // an earlier chunk failed: its failure is the one reported, skip the work
                }
                try {
                    body.run(cc, from, to);
                } catch (RuntimeException | Error e) {
                    firstFailed.accumulateAndGet(cc, Math::min);
                    throw e;
                }
            }));
        }
        awaitAll(fs);
    }

    /** Runs {@code body.accept(t)} for each task {@code t} in {@code [0, tasks)} (one chunk per task); nothing if none. */
    public void forEachTask(int tasks, IntConsumer body) {
        if (tasks > 0) {
            forEachChunk(tasks, tasks, (c, from, to) -> body.accept(c));
        }
    }

    /**
     * The values of the chunks folded in chunk order: {@code r = map(0); r = combine(r, map(c))} for c = 1, 2, ...
     * (so a sum of doubles is the same for every thread count that gives the same chunks).
     */
    public <R> R mapReduce(int n, int chunks, ChunkFunction<R> map, BinaryOperator<R> combine) {
        List<R> parts = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            parts.add(null);
        }
        forEachChunk(n, chunks, (c, from, to) -> parts.set(c, map.apply(c, from, to)));
        R r = parts.get(0);
        for (int c = 1; c < chunks; c++) {
            r = combine.apply(r, parts.get(c));
        }
        return r;
    }

    /** Waits for every task, then rethrows the first failure in task order (so no chunk is still running after). */
    private static void awaitAll(List<Future<?>> fs) {
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // rethrown below, after the later chunks have finished
            } catch (InterruptedException e) {
                for (Future<?> g : fs) {
                    g.cancel(true);
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Parallel.awaitAll(fs);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
