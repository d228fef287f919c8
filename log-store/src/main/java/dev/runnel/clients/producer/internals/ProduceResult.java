package dev.runnel.clients.producer.internals;

import dev.runnel.common.TopicPartition;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of writing one batch, shared by the futures of all its records: the base offset and append time, or
 * the error. Written once by the sender thread, then read by any thread.
 */
final class ProduceResult {
    private final TopicPartition topicPartition;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long baseOffset = -1;
    private volatile long logAppendTime = -1;
    private volatile RuntimeException error;

    ProduceResult(TopicPartition topicPartition) {
        this.topicPartition = topicPartition;
    }

    /**
     * Records a written batch's position; waiters are released by {@link #done()}, which comes after the callbacks (as
     * in Kafka, so a flush returns only once the callbacks of what it waited for have run).
     */
    void set(long baseOffset, long logAppendTime) {
        this.baseOffset = baseOffset;
        this.logAppendTime = logAppendTime;
    }

    /** Records the batch's error; waiters are released by {@link #done()}, after the callbacks. */
    void setError(RuntimeException error) {
        this.error = error;
    }

    /** Releases the waiters. */
    void done() {
        done.countDown();
    }

    /** Records the error and releases the waiters at once (a record failed before it had callbacks to run). */
    void fail(RuntimeException error) {
        setError(error);
        done();
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    long baseOffset() {
        return baseOffset;
    }

    long logAppendTime() {
        return logAppendTime;
    }

    RuntimeException error() {
        return error;
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    void await() throws InterruptedException {
        done.await();
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }
}
