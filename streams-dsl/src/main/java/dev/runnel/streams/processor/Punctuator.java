package dev.runnel.streams.processor;

/** A periodic callback scheduled through {@code ProcessorContext#schedule}. */
@FunctionalInterface
public interface Punctuator {
    /**
     * Runs the periodic action. Records forwarded from here flow downstream like processed records.
     *
     * @param timestamp the current stream time or wall-clock time in ms, depending on the {@link PunctuationType}
     */
    void punctuate(long timestamp);
}
