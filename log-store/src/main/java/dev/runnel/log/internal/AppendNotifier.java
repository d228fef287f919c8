package dev.runnel.log.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes consumers that wait in {@code poll} when anything is appended to the log. Appenders pay for a signal only
 * while someone is waiting. A signal without an append (from {@code Consumer.wakeup()}) is harmless: woken consumers
 * look for data and wait again. Thread-safe.
 */
public final class AppendNotifier {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile long appends;

    /** A count of appends so far; pass it to {@link #awaitAppendAfter} to wait for the next one. */
    public long appendCount() {
        return appends;
    }

    public void signalAppend() {
        lock.lock();
        try {
            appends++;
            if (waiters.get() > 0) {
                appended.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an append happens after {@code seenCount} was read, or {@code timeoutNanos} passes. Returns whether
     * something was appended.
     */
    public boolean awaitAppendAfter(long seenCount, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        waiters.incrementAndGet();
        try {
            while (appends == seenCount) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = appended.awaitNanos(remaining);
            }
            return true;
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }
}
