package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.BufferExhaustedException;
import dev.runnel.common.errors.InterruptException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the bytes of batches not yet written ({@code buffer.memory}) and makes {@code send} wait, up to
 * {@code max.block.ms}, while they would exceed it. This is the producer's back-pressure. Thread-safe.
 */
final class BufferMemory {
    private final long totalBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long usedBytes;

    BufferMemory(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    /**
     * Reserves {@code bytes}, waiting at most {@code maxBlockMs}; throws {@link BufferExhaustedException} (a
     * {@code TimeoutException}) past that.
     */
    void allocate(int bytes, long maxBlockMs) {
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
        lock.lock();
        try {
            while (usedBytes + bytes > totalBytes && usedBytes > 0) {
                if (remainingNanos <= 0) {
                    throw new BufferExhaustedException("Failed to allocate " + bytes + " bytes within the configured "
                        + "max blocking time " + maxBlockMs + " ms (buffer.memory=" + totalBytes + " is full)");
                }
                remainingNanos = released.awaitNanos(remainingNanos);
            }
            usedBytes += bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while waiting for producer buffer memory", e);
        } finally {
            lock.unlock();
        }
    }

    long totalBytes() {
        return totalBytes;
    }

    /** The bytes not reserved now; for the {@code buffer-available-bytes} metric, read from any thread. */
    long availableBytes() {
        lock.lock();
        try {
            return totalBytes - usedBytes;
        } finally {
            lock.unlock();
        }
    }

    void release(int bytes) {
        lock.lock();
        try {
            usedBytes -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
