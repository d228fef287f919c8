package dev.runnel.streams.internal.dsl;

/**
 * The value type flowing between table processors: the new value and, where known, the old one (null for an insert,
 * or when old values are not sent). A null {@code newValue} is a delete.
 */
public record Change<V>(V newValue, V oldValue) {
}
