package dev.runnel.streams.kstream;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One branch of {@link KStream#split()}: its name and what to do with its stream. The branch appears in the map
 * {@link BranchedKStream#defaultBranch()} returns under {@code splitName + branchName} (default branch name: its
 * position, 1-based, or "0" for the default branch), holding the stream itself, the function's result (left out if
 * null), or nothing for a consumer. Immutable.
 */
public class Branched<K, V> implements NamedOperation<Branched<K, V>> {
    /** The branch name, or {@code null}. */
    protected final String name;
    /** The function applied to the branch stream, or {@code null}. */
    protected final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    /** The consumer of the branch stream, or {@code null}. */
    protected final Consumer<? super KStream<K, V>> chainConsumer;

    /** Creates an option object. */
    protected Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
        Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    /** Creates a copy of {@code branched}. */
    protected Branched(Branched<K, V> branched) {
        this(branched.name, branched.chainFunction, branched.chainConsumer);
    }

    /** Returns a branch with the given name. */
    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Objects.requireNonNull(name, "name cannot be null"), null, null);
    }

    /** Returns a branch whose stream is transformed by {@code chain}; the result is put in the map. */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        return withFunction(chain, null);
    }

    /** Returns a branch named {@code name} ({@code null}: generated) whose stream is transformed by {@code chain}. */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain,
        String name) {
        return new Branched<>(name, Objects.requireNonNull(chain, "chain function cannot be null"), null);
    }

    /** Returns a branch whose stream is handed to {@code chain}; it is not put in the map. */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return withConsumer(chain, null);
    }

    /** Returns a branch named {@code name} ({@code null}: generated) whose stream is handed to {@code chain}. */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        return new Branched<>(name, null, Objects.requireNonNull(chain, "chain consumer cannot be null"));
    }

    /** Returns a copy with the branch named {@code name}. */
    @Override
    public Branched<K, V> withName(String name) {
        return new Branched<>(Objects.requireNonNull(name, "name cannot be null"), chainFunction, chainConsumer);
    }
}
