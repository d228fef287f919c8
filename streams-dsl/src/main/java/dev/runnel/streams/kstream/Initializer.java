package dev.runnel.streams.kstream;

/** Returns the initial aggregate of a key (or window), before its first record is added. */
@FunctionalInterface
public interface Initializer<VAgg> {
    /** Returns a new initial aggregate. */
    VAgg apply();
}
