package dev.sieve.core;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Small helpers for the fixed thread pools of the kernels. */
final class Parallel {
    private Parallel() {}

    /**
     * Waits for every task in order; the first failure is rethrown as it was thrown in the task
     * (runtime exceptions and errors unwrapped, so user errors keep their one-line message).
     */
    public static void awaitAll(List<? extends Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }
}
