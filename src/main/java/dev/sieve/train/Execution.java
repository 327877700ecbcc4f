package dev.sieve.train;

import dev.sieve.core.SettingException;

/**
 * How a run executes: the seed of every random choice ({@link dev.sieve.core.Seeds}), the worker threads and the
 * checkpoint interval. Results depend on the seed and the thread count only.
 *
 * @param seed            seed of the split, initial weights, force-atom choice and batch order
 * @param threads         worker threads
 * @param checkpointEvery epochs between checkpoints (0: only at the end)
 */
public record Execution(long seed, int threads, int checkpointEvery) {
    /** The most threads a run may ask for: four per available core. */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    public Execution {
        SettingException.require(threads >= 1 && threads <= maxThreads(), "threads",
            "must be between 1 and " + maxThreads() + " (4 x cores), got " + threads);
        SettingException.require(checkpointEvery >= 0, "checkpoint-every", "must be >= 0, got " + checkpointEvery);
    }




}
