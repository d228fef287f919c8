/**
 * The DSL: {@link dev.runnel.streams.kstream.KStream} record streams and their operations, the functional interfaces
 * they take, and the immutable option objects ({@link dev.runnel.streams.kstream.Consumed},
 * {@link dev.runnel.streams.kstream.Produced}, {@link dev.runnel.streams.kstream.Named},
 * {@link dev.runnel.streams.kstream.Branched}) whose {@code withX} methods return new instances. Mirrors
 * {@code org.apache.kafka.streams.kstream}.
 */
package dev.runnel.streams.kstream;
