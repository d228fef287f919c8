package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ProcessorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upper-cases values, and records for each transformer it creates how often that instance was initialized and
 * closed. Thread-safe, so a running application's threads may create and close transformers.
 */
public final class LifecycleCountingSupplier implements ValueTransformerWithKeySupplier<String, String, String> {
    private final List<Counted> created = new CopyOnWriteArrayList<>();

    @Override
    public ValueTransformerWithKey<String, String, String> get() {
        Counted transformer = new Counted();
        created.add(transformer);
        return transformer;
    }

    /** Forgets the transformers created so far, such as those the topology's supplier checks created and dropped. */
    public void forgetCreated() {
        created.clear();
    }

    /** Returns "init N, close M" for each transformer created since the last {@link #forgetCreated()}, in order. */
    public List<String> lifecycles() {
        List<String> lifecycles = new ArrayList<>();
        for (Counted transformer : created) {
            lifecycles.add("init " + transformer.inits.get() + ", close " + transformer.closes.get());
        }
        return lifecycles;
    }

    private static final class Counted implements ValueTransformerWithKey<String, String, String> {
        private final AtomicInteger inits = new AtomicInteger();
        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public void init(ProcessorContext context) {
            inits.incrementAndGet();
        }

        @Override
        public String transform(String key, String value) {
            return value == null ? null : value.toUpperCase(Locale.ROOT);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
