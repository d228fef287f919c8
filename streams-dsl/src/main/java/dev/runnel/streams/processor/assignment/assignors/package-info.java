/**
 * The built-in {@link dev.runnel.streams.processor.assignment.TaskAssignor}s, which an application can name in
 * {@code task.assignor.class} or extend. Mirrors {@code org.apache.kafka.streams.processor.assignment.assignors}.
 */
package dev.runnel.streams.processor.assignment.assignors;
