package org.scratchnet.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from HotSpot's per-thread counter: how a test shows that
 * a reader allocated for what a file holds, not for what its header claims.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    /** Bytes this thread allocated while {@code action} ran (exceptions included). */
    public static long bytesAllocatedBy(Runnable action) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        try {
            action.run();
        } catch (RuntimeException expected) {
            // the caller asserts on the failure separately; here only the allocation counts
        }
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
