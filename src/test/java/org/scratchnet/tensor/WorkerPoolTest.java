package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The pool's contract under many short calls in a row, as a training step makes them: every index
 * of every call is done exactly once, by that call's task (a worker that wakes late must not run
 * an earlier call's task on a later call's pieces), and a task's exception reaches the caller
 * without breaking the pool. Work given for the waits is run there, and no more once taken away.
 */
class WorkerPoolTest {

    @Test
    void manyShortCallsInARowEachDoEveryIndexOnceWithTheirOwnTask() {
        for (int helpers = 0; helpers <= 2; helpers++) {
            WorkerPool pool = new WorkerPool(helpers);
            int[] totals = {0, 1, 2, 7, 64, 1000, 3};
            AtomicReference<String> wrong = new AtomicReference<>();
            for (int c = 0; c < 20_000; c++) {
                int total = totals[c % totals.length];
                AtomicIntegerArray done = new AtomicIntegerArray(Math.max(1, total));
                int call = c;
                if (c % 2 == 0) {
                    pool.runRanges((from, to) -> mark(done, total, from, to, call, wrong), total);
                } else {
                    pool.run((from, to, slice) -> mark(done, total, from, to, call, wrong), total);
                }
                for (int i = 0; i < total; i++) {
                    if (done.get(i) != 1) wrong.compareAndSet(null, "call " + c + ": index " + i + " done " + done.get(i) + " times");
                }
                assertThat(wrong.get()).as("%d helpers", helpers).isNull();
            }
        }
    }

    private static void mark(AtomicIntegerArray done, int total, int from, int to, int call, AtomicReference<String> wrong) {
        if (from < 0 || to > total || from >= to) {
            wrong.compareAndSet(null, "call " + call + " was given [" + from + ", " + to + ") of " + total);
            return;
        }
        for (int i = from; i < to; i++) done.incrementAndGet(i);
    }

    @Test
    void theWaitsRunTheWorkGivenThemUnitByUnitUntilItIsTakenAway() {
        WorkerPool pool = new WorkerPool(1);
        int units = 5_000;
        AtomicInteger claimed = new AtomicInteger();
        AtomicIntegerArray bySlice = new AtomicIntegerArray(2);
        Kernels.WaitWork work = slice -> {
            if (claimed.get() >= units || claimed.getAndIncrement() >= units) return false;
            bySlice.incrementAndGet(slice);
            return true;
        };
        pool.fillWaitsWith(work);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bySlice.get(1) == 0 && System.nanoTime() < deadline) {
            pool.runRanges((from, to) -> { }, 2);
            spin(50_000);  // the caller's own work between calls: the worker waits, and works
        }
        assertThat(bySlice.get(1)).as("units the worker ran while it waited").isPositive();
        pool.fillWaitsWith(null);
        int taken = claimed.get();
        for (int c = 0; c < 100; c++) {
            pool.runRanges((from, to) -> { }, 2);
            spin(20_000);
        }
        assertThat(claimed.get()).as("units taken once the work was taken away (one may have been on its way)")
                .isBetween(taken, taken + 1);
        assertThat(bySlice.get(0) + bySlice.get(1)).as("each unit run once").isEqualTo(Math.min(claimed.get(), units));
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    @Test
    void aTasksExceptionReachesTheCallerAndThePoolGoesOn() {
        WorkerPool pool = new WorkerPool(2);
        for (int round = 0; round < 50; round++) {
            int bad = round * 7 % 100;
            assertThatThrownBy(() -> pool.runRanges((from, to) -> {
                if (from <= bad && bad < to) throw new IllegalStateException("index " + bad);
            }, 100)).isInstanceOf(IllegalStateException.class).hasMessage("index " + bad);
            AtomicIntegerArray done = new AtomicIntegerArray(100);
            pool.runRanges((from, to) -> {
                for (int i = from; i < to; i++) done.incrementAndGet(i);
            }, 100);
            for (int i = 0; i < 100; i++) assertThat(done.get(i)).isEqualTo(1);
        }
    }
}
