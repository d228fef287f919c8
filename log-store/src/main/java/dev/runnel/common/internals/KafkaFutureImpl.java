package dev.runnel.common.internals;

import dev.runnel.common.KafkaFuture;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link KafkaFuture} over a {@link CompletableFuture}. Thread-safe. */
public final class KafkaFutureImpl<T> extends KafkaFuture<T> {
    private final CompletableFuture<T> future;

    public KafkaFutureImpl() {
        this(new CompletableFuture<>());
    }

    private KafkaFutureImpl(CompletableFuture<T> future) {
        this.future = future;
    }

    public static <U> KafkaFutureImpl<U> completed(U value) {
        return new KafkaFutureImpl<>(CompletableFuture.completedFuture(value));
    }

    public static <U> KafkaFutureImpl<U> failed(Throwable error) {
        return new KafkaFutureImpl<>(CompletableFuture.failedFuture(error));
    }

    public static KafkaFuture<Void> allOf(KafkaFuture<?>... futures) {
        CompletableFuture<?>[] all = Arrays.stream(futures)
            .map(f -> f.toCompletionStage().toCompletableFuture()).toArray(CompletableFuture[]::new);
        return new KafkaFutureImpl<>(CompletableFuture.allOf(all));
    }

    public boolean complete(T value) {
        return future.complete(value);
    }

    public boolean completeExceptionally(Throwable error) {
        return future.completeExceptionally(error);
    }

    @Override
    public <R> KafkaFuture<R> thenApply(BaseFunction<T, R> function) {
        return new KafkaFutureImpl<>(future.thenApply(function::apply));
    }

    @Override
    public KafkaFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        return new KafkaFutureImpl<>(future.whenComplete((value, error) -> action.accept(value, unwrap(error))));
    }

    @Override
    public CompletionStage<T> toCompletionStage() {
        return future.minimalCompletionStage();
    }

    @Override
    public T getNow(T valueIfAbsent) throws ExecutionException {
        try {
            return future.getNow(valueIfAbsent);
        } catch (CompletionException e) {
            throw new ExecutionException(unwrap(e));
        }
    }

    @Override
    public boolean isCompletedExceptionally() {
        return future.isCompletedExceptionally();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return future.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout, unit);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return future.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return future.isCancelled();
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
