package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a consumer's next records on a background thread while the application processes the ones its poll returned,
 * as Kafka's consumer fetches ahead over the network. Reading, checking and decoding batches then costs the polling
 * thread nothing (a tenth of a stream thread's time in a word count); only byte-array consumers read ahead, so that
 * deserializers still run on the polling thread.
 *
 * <p>The fetch states belong to the background thread while a read runs, and return to the polling thread when the
 * consumer next touches them ({@link #settle}). A read moves only the states' fetch positions. It reads up to
 * {@link #POLLS_PER_READ} polls' worth, which the next polls return ({@link #take}), {@code max.poll.records} at a
 * time, for the partitions nothing moved in between (a seek, a reset, a pause, a new assignment); the other
 * partitions read again from their positions. The next read starts once the polls have taken everything: waking the
 * reader thread costs a system call, a third of what a read of one poll's worth saves.
 */
final class Prefetcher<K, V> {
    /** How many polls' worth of records one read takes. */
    static final int POLLS_PER_READ = 4;
    private static final Fetcher.PositionResolver RESOLVES_NOTHING = (tp, state) -> { };

    private final Fetcher<K, V> fetcher;
    private final int maxPollRecords;
    private final ExecutorService reader;
    /** The read running, or null. */
    private Future<ConsumerRecords<K, V>> running;
    /** The records read ahead that no poll has taken yet, by partition, in the order the read took them. */
    private final Map<TopicPartition, Pending<K, V>> pending = new LinkedHashMap<>();

    /** A partition's records read ahead: the position they start at, the next to return, and where reading ended. */
    private static final class Pending<K, V> {
        long start;
        final List<ConsumerRecord<K, V>> records;
        int taken;
        final long fetchPosition;

        Pending(long start, List<ConsumerRecord<K, V>> records, long fetchPosition) {
            this.start = start;
            this.records = records;
            this.fetchPosition = fetchPosition;
        }
    }

    Prefetcher(Fetcher<K, V> fetcher, int maxPollRecords, String clientId) {
        this.fetcher = fetcher;
        this.maxPollRecords = maxPollRecords;
        this.reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "runnel-consumer-prefetch | " + clientId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts reading the partitions of {@code states} past their positions, unless records read ahead are left; the
     * states are the reader's until settled.
     */
    void maybeStart(Map<TopicPartition, PartitionFetchState> states) {
        if (pending.isEmpty()) {
            running = reader.submit(() -> fetcher.collect(states, RESOLVES_NOTHING, maxPollRecords * POLLS_PER_READ));
        }
    }

    /** Waits for the running read, if any, and keeps its records; the states are the caller's again. */
    void settle(Map<TopicPartition, PartitionFetchState> states) {
        if (running == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    keep(running.get(), states);
                    break;
                } catch (InterruptedException e) {
                    // The states cannot be used while the reader holds them; the read is short.
                    interrupted = true;
                } catch (ExecutionException e) {
                    // The poll reads the same records again, and fails (or returns the ones before a bad record) as
                    // a read without this one would have.
                    states.values().forEach(PartitionFetchState::rewind);
                    break;
                }
            }
        } finally {
            running = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void keep(ConsumerRecords<K, V> read, Map<TopicPartition, PartitionFetchState> states) {
        read.nextOffsets().forEach((tp, next) ->
            pending.put(tp, new Pending<>(states.get(tp).position, read.records(tp), next.offset())));
    }

    /**
     * Returns up to {@code max.poll.records} of the records read ahead, of the partitions that have not moved since
     * the read started, and moves their positions past them; the other partitions forget what was read ahead. Empty
     * if nothing was read ahead.
     */
    ConsumerRecords<K, V> take(Map<TopicPartition, PartitionFetchState> states) {
        if (pending.isEmpty()) {
            return ConsumerRecords.empty();
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new LinkedHashMap<>();
        int budget = maxPollRecords;
        for (Iterator<Map.Entry<TopicPartition, Pending<K, V>>> it = pending.entrySet().iterator(); it.hasNext()
            && budget > 0; ) {
            Map.Entry<TopicPartition, Pending<K, V>> entry = it.next();
            PartitionFetchState state = states.get(entry.getKey());
            Pending<K, V> ahead = entry.getValue();
            if (state == null || !state.readable() || state.position != ahead.start
                || state.fetchPosition != ahead.fetchPosition) {
                it.remove();
                continue;
            }
            int count = Math.min(budget, ahead.records.size() - ahead.taken);
            if (count > 0) {
                records.put(entry.getKey(), ahead.records.subList(ahead.taken, ahead.taken + count));
                ahead.taken += count;
                budget -= count;
            }
            long next = ahead.taken < ahead.records.size() ? ahead.records.get(ahead.taken).offset()
                : ahead.fetchPosition;
            if (ahead.taken == ahead.records.size()) {
                it.remove();
            }
            ahead.start = next;
            state.position = next;
            nextOffsets.put(entry.getKey(), new OffsetAndMetadata(next));
        }
        states.forEach((tp, state) -> {
            if (!pending.containsKey(tp)) {
                state.rewind();
            }
        });
        return nextOffsets.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(records, nextOffsets);
    }

    /** Stops the reader thread; after {@link #settle}. */
    void close() {
        reader.shutdownNow();
    }
}
