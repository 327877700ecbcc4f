package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkedExecutorTest {

    @Test
    void chunksAreContiguousAndDependOnlyOnTheCounts() {
        for (int threads = 1; threads <= 4; threads++) {
            try (ChunkedExecutor ex = new ChunkedExecutor(threads, "test")) {
                List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
                ex.forEachChunk(10, 3, (c, from, to) -> seen.add(new int[] {c, from, to}));
                seen.sort((a, b) -> Integer.compare(a[0], b[0]));
                assertThat(seen).containsExactly(new int[] {0, 0, 3}, new int[] {1, 3, 6}, new int[] {2, 6, 10});
            }
        }
        assertThat(ChunkedExecutor.chunkStart(7, 7, 7)).isEqualTo(7);
        assertThat(ChunkedExecutor.chunkStart(Integer.MAX_VALUE, 3, 2)).isEqualTo((int) (2L * Integer.MAX_VALUE / 3));
    }

    @Test
    void chunkCountIsOnePerThreadWithAMinimumSize() {
        try (ChunkedExecutor ex = new ChunkedExecutor(4, "test")) {
            assertThat(ex.threads()).isEqualTo(4);
            assertThat(ex.chunkCount(0, 32)).isEqualTo(1);
            assertThat(ex.chunkCount(95, 32)).isEqualTo(2);
            assertThat(ex.chunkCount(1000, 32)).isEqualTo(4);
            assertThat(ex.chunkCount(3, 1)).isEqualTo(3);
        }
        try (ChunkedExecutor ex = new ChunkedExecutor(1, "test")) {
            assertThat(ex.chunkCount(1000, 1)).isEqualTo(1);
        }
    }

    @Test
    void mapReduceFoldsInChunkOrderForEveryThreadCount() {
        double[] x = new SplittableRandom(1).doubles(10_001, -1e10, 1e10).toArray();
        int chunks = 5;
        double expected = 0;
        for (int c = 0; c < chunks; c++) {
            double s = 0;
            for (int i = ChunkedExecutor.chunkStart(x.length, chunks, c); i < ChunkedExecutor.chunkStart(x.length,
                chunks, c + 1); i++) {
                s += x[i];
            }
            expected = c == 0 ? s : expected + s;
        }
        for (int threads = 1; threads <= 6; threads++) {
            try (ChunkedExecutor ex = new ChunkedExecutor(threads, "test")) {
                for (int round = 0; round < 20; round++) {
                    double sum = ex.mapReduce(x.length, chunks, (c, from, to) -> {
                        double s = 0;
                        for (int i = from; i < to; i++) {
                            s += x[i];
                        }
                        return s;
                    }, Double::sum);
                    assertThat(Double.doubleToRawLongBits(sum)).isEqualTo(Double.doubleToRawLongBits(expected));
                }
            }
        }
    }

    @Test
    void oneThreadRunsOnTheCallingThreadInOrder() {
        try (ChunkedExecutor ex = new ChunkedExecutor(1, "test")) {
            List<Integer> order = new ArrayList<>();
            Thread caller = Thread.currentThread();
            ex.forEachChunk(6, 3, (c, from, to) -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                order.add(c);
            });
            ex.forEachTask(0, t -> order.add(-1));
            assertThat(order).containsExactly(0, 1, 2);
        }
    }

    @Test
    void workersAreDaemonThreadsWithTheGivenName() {
        try (ChunkedExecutor ex = new ChunkedExecutor(2, "sieve-test")) {
            List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
            ex.forEachTask(2, t -> workers.add(Thread.currentThread()));
            assertThat(workers).allSatisfy(t -> {
                assertThat(t.isDaemon()).isTrue();
                assertThat(t.getName()).isEqualTo("sieve-test");
            });
        }
    }

    @Test
    void theFirstFailureInChunkOrderIsRethrownUnwrappedAfterEarlierChunksRan() {
        for (int threads = 1; threads <= 4; threads++) {
            try (ChunkedExecutor ex = new ChunkedExecutor(threads, "test")) {
                InputException first = new InputException("chunk 2");
                AtomicIntegerArray ran = new AtomicIntegerArray(6);
                assertThatThrownBy(() -> ex.forEachTask(6, t -> {
                    ran.set(t, 1);
                    if (t == 2) {
                        throw first;
                    }
                    if (t == 4) {
                        throw new IllegalStateException("chunk 4");
                    }
                })).isSameAs(first);
                assertThat(ran.get(0) + ran.get(1) + ran.get(2)).isEqualTo(3);
                AssertionError error = new AssertionError("an error");
                assertThatThrownBy(() -> ex.forEachTask(2, t -> {
                    throw error;
                })).isSameAs(error);
            }
        }
    }

    @Test
    void aFailureIsRethrownOnlyWhenTheOtherChunksHaveFinished() throws Exception {
        try (ChunkedExecutor ex = new ChunkedExecutor(2, "test")) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch failing = new CountDownLatch(1);
            AtomicBoolean laterDone = new AtomicBoolean();
            assertThatThrownBy(() -> ex.forEachTask(2, t -> {
                try {
                    if (t == 0) {
                        started.await();
                        failing.countDown();
                        throw new IllegalArgumentException("chunk 0");
                    }
                    started.countDown();
                    failing.await();
                    for (int k = 0; k < 1_000; k++) {
                        Thread.onSpinWait();
                    }
                    laterDone.set(true);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 0");
            assertThat(laterDone).isTrue();
        }
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> new ChunkedExecutor(0, "test")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("threads must be >= 1, got 0");
    }
}
