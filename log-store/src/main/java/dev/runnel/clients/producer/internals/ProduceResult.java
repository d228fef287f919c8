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

    void complete(long baseOffset, long logAppendTime) {
        this.baseOffset = baseOffset;
        this.logAppendTime = logAppendTime;
        done.countDown();
    }

    void fail(RuntimeException error) {
        this.error = error;
        done.countDown();
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
