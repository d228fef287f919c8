package dev.runnel.streams.kstream;

/** An operation option that can name its processor. */
public interface NamedOperation<T extends NamedOperation<T>> {
    /** Returns a copy with the processor named {@code name}. */
    T withName(String name);
}
