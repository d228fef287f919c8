package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ProcessorContext;

/**
 * Computes a new value from a key and a value, statefully if it likes: it may read and write the stores connected to
 * its operator and schedule punctuations from {@link #init}. Used by {@link KTable#transformValues}. Each task gets
 * its own instance; not thread-safe.
 *
 * <pre>{@code
 * class Versioned implements ValueTransformerWithKey<String, String, String> {
 *     private KeyValueStore<String, Long> versions;
 *
 *     public void init(ProcessorContext context) {
 *         versions = context.getStateStore("versions");
 *     }
 *
 *     public String transform(String key, String value) {
 *         Long previous = versions.get(key);
 *         long version = previous == null ? 1 : previous + 1;
 *         versions.put(key, version);
 *         return value + "@v" + version;
 *     }
 *
 *     public void close() {
 *     }
 * }
 * }</pre>
 *
 * <p>The result is the return value: calling {@link ProcessorContext#forward} from any method throws.
 */
public interface ValueTransformerWithKey<K, V, VR> {
    /** Prepares the transformer: looks up stores and schedules punctuations. Called once, before any transform. */
    void init(ProcessorContext context);

    /**
     * Returns the new value, possibly null. {@code readOnlyKey} must not be modified. In a table, {@code value} is
     * null for a delete, and the transformer decides what the result is.
     */
    VR transform(K readOnlyKey, V value);

    /** Releases what {@link #init} acquired; the runtime closes the connected stores itself. */
    void close();
}
