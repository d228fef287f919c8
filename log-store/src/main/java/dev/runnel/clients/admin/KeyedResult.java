package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An admin result made of one future per requested item (topic, resource or partition), in request order. */
abstract class KeyedResult<K, V> {
    final Map<K, KafkaFuture<V>> futures;

    KeyedResult(Map<K, KafkaFuture<V>> futures) {
        this.futures = Collections.unmodifiableMap(new LinkedHashMap<>(futures));
    }

    /** Completes with every item's value; fails with the first item's error. */
    KafkaFuture<Map<K, V>> allValues() {
        return Futures.all(futures);
    }

    /** Completes when every item has succeeded; fails with the first item's error. */
    KafkaFuture<Void> allDone() {
        return allValues().thenApply(ignored -> null);
    }
}
