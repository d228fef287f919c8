package dev.runnel.common;

import dev.runnel.common.internals.KafkaFutureImpl;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of an asynchronous admin call, as in Kafka's clients. {@code get()} throws an
 * {@link ExecutionException} whose cause is the Kafka-named error (for example {@code TopicExistsException}).
 */
public abstract class KafkaFuture<T> implements Future<T> {
    /** A function for {@link #thenApply}. */
    @FunctionalInterface
    public interface BaseFunction<A, B> {
        B apply(A a);
    }

    /** A callback for {@link #whenComplete}. */
    @FunctionalInterface
    public interface BiConsumer<A, B> {
        void accept(A a, B b);
    }

    public static <U> KafkaFuture<U> completedFuture(U value) {
        return KafkaFutureImpl.completed(value);
    }

    /** A future that completes when all of {@code futures} have, failing with the first failure. */
    public static KafkaFuture<Void> allOf(KafkaFuture<?>... futures) {
        return KafkaFutureImpl.allOf(futures);
    }

    public abstract <R> KafkaFuture<R> thenApply(BaseFunction<T, R> function);

    public abstract KafkaFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action);

    public abstract CompletionStage<T> toCompletionStage();

    public abstract T getNow(T valueIfAbsent) throws InterruptedException, ExecutionException;

    public abstract boolean isCompletedExceptionally();

    @Override
    public abstract T get() throws InterruptedException, ExecutionException;

    @Override
    public abstract T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
        TimeoutException;
}
