/**
 * The task assignment API of KIP-924: a {@link dev.runnel.streams.processor.assignment.TaskAssignor}, set through
 * {@code task.assignor.class}, decides which application instance runs each task and keeps which standby tasks, from
 * an {@link dev.runnel.streams.processor.assignment.ApplicationState} describing the tasks and the instances of one
 * rebalance. Runnel then spreads each instance's tasks over its stream threads. Mirrors
 * {@code org.apache.kafka.streams.processor.assignment}.
 */
package dev.runnel.streams.processor.assignment;
