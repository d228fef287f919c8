package dev.runnel.clients.admin;

/**
 * Options of {@code listConsumerGroupOffsets}. The embedded log writes transactional offsets at commit, so what it
 * lists is always stable and {@code requireStable} changes nothing.
 */
public class ListConsumerGroupOffsetsOptions extends AbstractOptions<ListConsumerGroupOffsetsOptions> {
    private boolean requireStable;

    public ListConsumerGroupOffsetsOptions requireStable(boolean requireStable) {
        this.requireStable = requireStable;
        return this;
    }

    public boolean requireStable() {
        return requireStable;
    }
}
