package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Callback;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InterruptException;
import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Time;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers sent records into one open batch per partition. A batch leaves for the sender thread when it is full, when
 * it has waited {@code linger.ms}, or when the producer flushes or closes. Thread-safe: any number of threads send,
 * one sender thread drains.
 */
final class RecordAccumulator {
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final int batchSize;
    private final long lingerMs;
    private final CompressionType compression;
    private final boolean offsetsKnown;
    private final BufferMemory memory;
    private final Time time;
    private final Map<TopicPartition, PartitionQueue> queues = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecordBatchBuilder> freeBuilders = new ConcurrentLinkedQueue<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition workArrived = wakeLock.newCondition();
    private volatile boolean workSignalled;
    /** Whether the sender waits with no open batch to time, so that opening one must wake it. */
    private volatile boolean senderIdle = true;
    private volatile boolean closing;

    /**
     * The batches of one partition: the open one and the closed ones waiting for the sender, oldest first. Its monitor
     * guards every change; the sender peeks at the volatile fields before taking it.
     */
    private static final class PartitionQueue {
        private final ArrayDeque<ProducerBatch> closed = new ArrayDeque<>();
        private volatile boolean hasClosed;
        private volatile ProducerBatch open;
    }

    RecordAccumulator(int batchSize, long lingerMs, CompressionType compression, boolean offsetsKnown,
                      BufferMemory memory, Time time) {
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
        this.compression = compression;
        this.offsetsKnown = offsetsKnown;
        this.memory = memory;
        this.time = time;
    }

    /** Adds a record to its partition's open batch, opening a new batch (and waiting for memory) when needed. */
    FutureRecordMetadata append(TopicPartition tp, long timestamp, byte[] key, byte[] value, Header[] headers,
                                Callback callback, int recordSizeEstimate, int batchLimit, long maxBlockMs,
                                boolean wantFuture) {
        PartitionQueue queue = queues.computeIfAbsent(tp, ignored -> new PartitionQueue());
        synchronized (queue) {
            FutureRecordMetadata future = tryAppendToOpen(queue, timestamp, key, value, headers, callback, wantFuture);
            if (future != null) {
                return future;
            }
        }
        int capacity = Math.max(Math.min(batchSize, batchLimit), recordSizeEstimate);
        memory.allocate(capacity, maxBlockMs);
        synchronized (queue) {
            // Another thread may have opened a batch while this one waited for memory.
            FutureRecordMetadata future = tryAppendToOpen(queue, timestamp, key, value, headers, callback, wantFuture);
            if (future != null) {
                memory.release(capacity);
                return future;
            }
            RecordBatchBuilder builder = capacity == batchSize ? takeBuilder()
                : new RecordBatchBuilder(compression, TimestampType.CREATE_TIME, capacity);
            ProducerBatch batch = new ProducerBatch(tp, builder, time.milliseconds(), capacity, offsetsKnown);
            incomplete.add(batch);
            future = batch.tryAppend(timestamp, key, value, headers, callback, wantFuture);
            queue.open = batch;
            if (senderIdle) {
                // The sender waits without a deadline; make it wait for this batch's linger instead.
                signalWork();
            }
            return future;
        }
    }

    private FutureRecordMetadata tryAppendToOpen(PartitionQueue queue, long timestamp, byte[] key, byte[] value,
                                                 Header[] headers, Callback callback, boolean wantFuture) {
        ProducerBatch open = queue.open;
        if (open == null) {
            return null;
        }
        FutureRecordMetadata future = open.tryAppend(timestamp, key, value, headers, callback, wantFuture);
        if (future == null) {
            queue.open = null;
            queue.closed.add(open);
            queue.hasClosed = true;
            signalWork();
        }
        return future;
    }

    /**
     * Takes every batch that is ready to write: full ones, and open ones that have lingered long enough or that a
     * flush or close is waiting for. Called by the sender thread only.
     */
    List<ProducerBatch> drain() {
        List<ProducerBatch> ready = new ArrayList<>();
        boolean takeAll = closing || flushesInProgress.get() > 0;
        long now = time.milliseconds();
        for (PartitionQueue queue : queues.values()) {
            ProducerBatch open = queue.open;
            boolean openDue = open != null && (takeAll || now - open.createdMs() >= lingerMs);
            // Peek first: locking every queue on every round would contend with the sending threads.
            if (queue.hasClosed || openDue) {
                synchronized (queue) {
                    // Closed batches before the open one: a partition's batches reach the log in send order.
                    ready.addAll(queue.closed);
                    queue.closed.clear();
                    queue.hasClosed = false;
                    if (openDue && queue.open == open) {
                        queue.open = null;
                        ready.add(open);
                    }
                }
            }
        }
        return ready;
    }

    /** Waits until work is signalled or the oldest open batch's linger time is up. Sender thread only. */
    void awaitWork() {
        // Set before the scan: a batch opened after it will signal, one opened before it is seen by the scan.
        senderIdle = true;
        long waitMs = lingerMs;
        long now = time.milliseconds();
        boolean anyOpen = false;
        for (PartitionQueue queue : queues.values()) {
            ProducerBatch open = queue.open;
            if (open != null) {
                anyOpen = true;
                waitMs = Math.min(waitMs, open.createdMs() + lingerMs - now);
            }
        }
        senderIdle = !anyOpen;
        long waitNanos = anyOpen ? TimeUnit.MILLISECONDS.toNanos(Math.max(waitMs, 0)) : IDLE_WAIT_NANOS;
        wakeLock.lock();
        try {
            if (!workSignalled && waitNanos > 0) {
                workArrived.awaitNanos(waitNanos);
            }
            workSignalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            wakeLock.unlock();
        }
    }

    private void signalWork() {
        workSignalled = true;
        wakeLock.lock();
        try {
            workArrived.signal();
        } finally {
            wakeLock.unlock();
        }
    }

    /** Marks a batch written (or failed) and returns its memory; a standard-size builder is kept for reuse. */
    void deallocate(ProducerBatch batch) {
        incomplete.remove(batch);
        if (batch.memoryBytes() == batchSize) {
            RecordBatchBuilder builder = batch.builder();
            builder.reset();
            freeBuilders.offer(builder);
        }
        memory.release(batch.memoryBytes());
    }

    /** A reset builder of {@code batch.size}: reused ones spare the allocation and zeroing of a buffer per batch. */
    private RecordBatchBuilder takeBuilder() {
        RecordBatchBuilder builder = freeBuilders.poll();
        return builder != null ? builder : new RecordBatchBuilder(compression, TimestampType.CREATE_TIME, batchSize);
    }

    boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** Makes every open batch ready now and waits until all batches sent before this call are written. */
    void flush() {
        flushesInProgress.incrementAndGet();
        try {
            signalWork();
            for (ProducerBatch batch : List.copyOf(incomplete)) {
                batch.result().await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Flush interrupted.", e);
        } finally {
            flushesInProgress.decrementAndGet();
        }
    }

    void beginClose() {
        closing = true;
        signalWork();
    }

    boolean isClosing() {
        return closing;
    }

    /** Fails every batch not yet written, when a close runs out of time. */
    void abortIncomplete(RuntimeException error) {
        for (ProducerBatch batch : List.copyOf(incomplete)) {
            if (!batch.result().isDone()) {
                batch.fail(error);
            }
            deallocate(batch);
        }
    }
}
