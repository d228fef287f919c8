package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.dsl.OptionsInternal.BranchedInternal;
import dev.runnel.streams.kstream.Branched;
import dev.runnel.streams.kstream.BranchedKStream;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Predicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a split: the {@link Operators.KStreamBranch} node is added at once, and each branch adds a pass-through child
 * named {@code splitName + branchName} (or {@code + position}, 1-based; {@code + "0"} for the default branch).
 * Not thread-safe.
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final KStreamImpl<K, V> source;
    private final String splitName;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> childNames = new ArrayList<>();
    /** A HashMap, as Kafka Streams', so that iterating over the returned branches visits them in Kafka's order. */
    private final Map<String, KStream<K, V>> branches = new HashMap<>();
    private boolean finished;

    BranchedKStreamImpl(KStreamImpl<K, V> source, String splitName) {
        this.source = source;
        this.splitName = splitName;
        source.builder().topologyBuilder().addProcessor(splitName,
            new Operators.KStreamBranch<>(predicates, childNames), source.name());
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.as(Integer.toString(predicates.size() + 1)));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        Objects.requireNonNull(predicate, "predicate");
        addBranch(predicate, branched, Integer.toString(predicates.size() + 1));
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.as("0"));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        addBranch(null, branched, "0");
        return noDefaultBranch();
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        finished = true;
        return branches;
    }

    private void addBranch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched, String position) {
        if (finished) {
            throw new IllegalStateException("Split " + splitName + " is already finished; no branch can be added");
        }
        BranchedInternal<K, V> options = new BranchedInternal<>(Objects.requireNonNull(branched, "branched"));
        String childName = splitName + (options.name() != null ? options.name() : position);
        // Each branch takes an index, as in Kafka Streams, though its name is the split's plus a suffix.
        source.builder().newProcessorName(KStreamImpl.BRANCHCHILD_NAME);
        source.builder().topologyBuilder().addProcessor(childName, new Operators.KStreamPassThrough<K, V>(),
            splitName);
        predicates.add(predicate);
        childNames.add(childName);
        KStream<K, V> branch = new KStreamImpl<>(source.builder(), childName, source.keySerde(), source.valueSerde(),
            source.repartitionRequired());
        if (options.chainFunction() != null) {
            KStream<K, V> result = options.chainFunction().apply(branch);
            if (result != null) {
                branches.put(childName, result);
            }
        } else if (options.chainConsumer() != null) {
            options.chainConsumer().accept(branch);
        } else {
            branches.put(childName, branch);
        }
    }
}
