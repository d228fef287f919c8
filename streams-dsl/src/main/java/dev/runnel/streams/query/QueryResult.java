package dev.runnel.streams.query;

import dev.runnel.streams.processor.StateStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One store partition's answer to a query: a result (possibly {@code null}, as a key lookup that finds nothing), or a
 * {@link FailureReason} with a message. It also carries the partition's {@link Position} and, if the request asked
 * for it, how the query ran; both are set after creation, as in Kafka ({@link #setPosition},
 * {@link #addExecutionInfo}). A result that is an iterator must be closed by the caller. Not thread-safe: one query
 * builds it, then hands it over.
 *
 * @param <R> the type of the result
 */
public final class QueryResult<R> {
    private final R result;
    private final FailureReason failureReason;
    private final String failureMessage;
    private final List<String> executionInfo = new ArrayList<>();
    private Position position = Position.emptyPosition();

    private QueryResult(R result, FailureReason failureReason, String failureMessage) {
        this.result = result;
        this.failureReason = failureReason;
        this.failureMessage = failureMessage;
    }

    /** Returns a successful result. */
    public static <R> QueryResult<R> forResult(R result) {
        return new QueryResult<>(result, null, null);
    }

    /** Returns a failed result. */
    public static <R> QueryResult<R> forFailure(FailureReason failureReason, String failureMessage) {
        return new QueryResult<>(null, Objects.requireNonNull(failureReason, "failureReason"),
            Objects.requireNonNull(failureMessage, "failureMessage"));
    }

    /** Returns the failure of a store that cannot run {@code query}. */
    public static <R> QueryResult<R> forUnknownQueryType(Query<R> query, StateStore store) {
        return forFailure(FailureReason.UNKNOWN_QUERY_TYPE, "This store (" + store.getClass().getSimpleName()
            + ") doesn't know how to execute the given query (" + query + ").");
    }

    /** Returns the failure of a store partition at {@code currentPosition} that has not reached {@code bound}. */
    public static <R> QueryResult<R> notUpToBound(Position currentPosition, PositionBound bound, Integer partition) {
        return forFailure(FailureReason.NOT_UP_TO_BOUND, "For store partition " + partition + ", the current"
            + " position " + currentPosition + " is not yet up to the bound " + bound);
    }

    /** Adds a line of execution information. */
    public void addExecutionInfo(String message) {
        executionInfo.add(Objects.requireNonNull(message, "message"));
    }

    /** Sets the partition's position when it ran the query. */
    public void setPosition(Position position) {
        this.position = Objects.requireNonNull(position, "position");
    }

    /** Returns whether the partition ran the query. */
    public boolean isSuccess() {
        return failureReason == null;
    }

    /** Returns whether the partition failed to run the query. */
    public boolean isFailure() {
        return failureReason != null;
    }

    /**
     * Returns the partition's result.
     *
     * @throws IllegalArgumentException if the query failed; see {@link #getFailureMessage()}
     */
    public R getResult() {
        if (isFailure()) {
            throw new IllegalArgumentException("Cannot get result for failed query. Failure is " + failureReason + ": "
                + failureMessage);
        }
        return result;
    }

    /**
     * Returns why the query failed.
     *
     * @throws IllegalArgumentException if it succeeded
     */
    public FailureReason getFailureReason() {
        requireFailure("failure reason");
        return failureReason;
    }

    /**
     * Returns what went wrong.
     *
     * @throws IllegalArgumentException if the query succeeded
     */
    public String getFailureMessage() {
        requireFailure("failure message");
        return failureMessage;
    }

    private void requireFailure(String what) {
        if (isSuccess()) {
            throw new IllegalArgumentException("Cannot get " + what + " because this query did not fail.");
        }
    }

    /** Returns how the query ran, if the request enabled execution info; otherwise empty. */
    public List<String> getExecutionInfo() {
        return Collections.unmodifiableList(executionInfo);
    }

    /** Returns the partition's position when it ran the query (see {@link Position}). */
    public Position getPosition() {
        return position;
    }

    @Override
    public String toString() {
        return isSuccess() ? "SucceededQueryResult{result=" + result + ", executionInfo=" + executionInfo
            + ", position=" + position + "}"
            : "FailedQueryResult{failureReason=" + failureReason + ", failure='" + failureMessage
                + "', executionInfo=" + executionInfo + ", position=" + position + "}";
    }
}
