package dev.runnel.clients.admin;

import java.util.Collection;
import java.util.Set;

/**
 * Options of {@code listTransactions}: keep only transactional ids in these states, with these producer ids, whose
 * transaction has run longer than a duration, or whose id matches a regular expression. An empty set, a negative
 * duration and a null or empty pattern keep all.
 */
public class ListTransactionsOptions extends AbstractOptions<ListTransactionsOptions> {
    private Set<TransactionState> filteredStates = Set.of();
    private Set<Long> filteredProducerIds = Set.of();
    private long filteredDuration = -1;
    private String filteredTransactionalIdPattern;

    public ListTransactionsOptions filterStates(Collection<TransactionState> states) {
        this.filteredStates = Set.copyOf(states);
        return this;
    }

    public ListTransactionsOptions filterProducerIds(Collection<Long> producerIdFilters) {
        this.filteredProducerIds = Set.copyOf(producerIdFilters);
        return this;
    }

    /** Keeps transactions started more than {@code durationMs} ago and still running (KIP-994). */
    public ListTransactionsOptions filterOnDuration(long durationMs) {
        this.filteredDuration = durationMs;
        return this;
    }

    /** Keeps transactional ids that the whole of {@code pattern}, a Java regular expression, matches (KIP-1152). */
    public ListTransactionsOptions filterOnTransactionalIdPattern(String pattern) {
        this.filteredTransactionalIdPattern = pattern;
        return this;
    }

    public Set<TransactionState> filteredStates() {
        return filteredStates;
    }

    public Set<Long> filteredProducerIds() {
        return filteredProducerIds;
    }

    public long filteredDuration() {
        return filteredDuration;
    }

    public String filteredTransactionalIdPattern() {
        return filteredTransactionalIdPattern;
    }
}
