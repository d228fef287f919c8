/**
 * Records as test topics see them: {@link dev.runnel.streams.test.TestRecord}. Mirrors
 * {@code org.apache.kafka.streams.test}.
 */
package dev.runnel.streams.test;
