package dev.sieve.md;

import java.io.IOException;

/**
 * Watches an MD run driven by {@link MdRun#advance}: called once at the start, after every step, and once when
 * the run completed. Outputs are committed in {@link #finished}; {@link #close()} discards whatever was not
 * committed (a run that stopped with an error leaves no partial files).
 */
interface MdObserver extends AutoCloseable {

    /**
     * Before the first step, with the engine in its start state.
     *
     * @param lastStep the step count at which the run will end
     */
    default void started(MdEngine md, long lastStep) throws IOException {}

    /** After every step. */
    void stepped(MdEngine md) throws IOException;

    /** After the last step of a run that completed. */
    default void finished(MdEngine md) throws IOException {}

    /** Releases resources; output not committed by {@link #finished} is discarded. */
    @Override
    default void close() {}
}
