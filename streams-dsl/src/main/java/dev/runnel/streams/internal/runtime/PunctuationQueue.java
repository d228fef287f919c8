package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.Punctuator;
import java.util.PriorityQueue;

/**
 * The punctuations of one task on one clock, by next due time. Not thread-safe; owned by the task.
 */
/*
 * Implementation notes. A schedule fires once when its time is reached, however far the clock jumped, and its next
 * time stays aligned to its first time plus a multiple of the interval (Kafka Streams' behaviour): with interval 10
 * and first time 0, a jump from 3 to 35 fires once (at 35) and next at 40.
 */
final class PunctuationQueue {
    private final PriorityQueue<Schedule> queue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));

    /** Adds a schedule first due at {@code firstDue}. */
    Cancellable schedule(ProcessorNode<?, ?, ?, ?> node, long firstDue, long intervalMs, Punctuator punctuator) {
        Schedule schedule = new Schedule(node, firstDue, intervalMs, punctuator);
        queue.add(schedule);
        return schedule;
    }

    /** Fires every schedule due at {@code now} through {@code fire}; returns whether any fired. */
    boolean mayPunctuate(long now, Firing fire) {
        boolean fired = false;
        while (!queue.isEmpty() && queue.peek().due <= now) {
            Schedule due = queue.poll();
            if (due.cancelled) {
                continue;
            }
            fire.punctuate(due.node, now, due.punctuator);
            fired = true;
            // Back in the queue only after it fired, and not if it cancelled itself, as in Kafka Streams: what the
            // queue holds meanwhile decides the order of the punctuations due at the same time.
            if (!due.cancelled) {
                long next = due.due + due.intervalMs;
                if (now >= next) {
                    next = due.due + ((now - due.due) / due.intervalMs + 1) * due.intervalMs;
                }
                due.due = next;
                queue.add(due);
            }
        }
        return fired;
    }

    /** Runs one punctuation on behalf of a node. */
    @FunctionalInterface
    interface Firing {
        void punctuate(ProcessorNode<?, ?, ?, ?> node, long timestamp, Punctuator punctuator);
    }

    private static final class Schedule implements Cancellable {
        final ProcessorNode<?, ?, ?, ?> node;
        final long intervalMs;
        final Punctuator punctuator;
        long due;
        boolean cancelled;

        Schedule(ProcessorNode<?, ?, ?, ?> node, long due, long intervalMs, Punctuator punctuator) {
            this.node = node;
            this.due = due;
            this.intervalMs = intervalMs;
            this.punctuator = punctuator;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
