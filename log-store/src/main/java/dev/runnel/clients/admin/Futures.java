package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.internals.KafkaFutureImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Helpers for the admin results, whose calls run synchronously against the embedded log. */
final class Futures {
    private Futures() {
    }

    /** Runs {@code call} now and returns its value, or its Kafka-named error, as a completed future. */
    static <T> KafkaFuture<T> run(Supplier<T> call) {
        try {
            return KafkaFutureImpl.completed(call.get());
        } catch (RuntimeException e) {
            return KafkaFutureImpl.failed(e);
        }
    }

    static KafkaFuture<Void> run(Runnable call) {
        return run(() -> {
            call.run();
            return null;
        });
    }

    /** Completes when every future in {@code futures} has, with their values by key. */
    static <K, V> KafkaFuture<Map<K, V>> all(Map<K, KafkaFuture<V>> futures) {
        return KafkaFuture.allOf(futures.values().toArray(new KafkaFuture<?>[0])).thenApply(ignored -> {
            Map<K, V> values = new LinkedHashMap<>();
            futures.forEach((key, future) -> values.put(key, future.toCompletionStage().toCompletableFuture().join()));
            return values;
        });
    }
}
