package dev.runnel.streams.kstream;

import java.util.Map;

/**
 * Routes each record of a stream to the first branch whose predicate it passes, returned by {@link KStream#split()}.
 * A record passing no predicate goes to the default branch, or is dropped if there is none. Not thread-safe.
 */
public interface BranchedKStream<K, V> {
    /** Adds a branch for the records passing {@code predicate}. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    /** Adds a branch for the records passing {@code predicate}, named and handled by {@code branched}. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** Adds the default branch and returns the branches by name. */
    Map<String, KStream<K, V>> defaultBranch();

    /** Adds the default branch, named and handled by {@code branched}, and returns the branches by name. */
    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Finishes without a default branch (unmatched records are dropped) and returns the branches by name. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
