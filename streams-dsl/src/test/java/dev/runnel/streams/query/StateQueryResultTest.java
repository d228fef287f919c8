package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateQueryResultTest {

    private static StateQueryResult<Long> answer(Map<Integer, QueryResult<Long>> partitionResults) {
        StateQueryResult<Long> answer = new StateQueryResult<>();
        partitionResults.forEach(answer::addResult);
        return answer;
    }

    @Test
    void shouldPickThePartitionThatFoundTheKeyAsTheOnlyResult() {
        StateQueryResult<Long> result = answer(Map.of(0, QueryResult.forResult(null), 1, QueryResult.forResult(3L)));
        assertEquals(3L, result.getOnlyPartitionResult().getResult());
        StateQueryResult<Long> onePartition = answer(Map.of(0, QueryResult.forResult(null)));
        assertNull(onePartition.getOnlyPartitionResult(), "as in Kafka: no partition found the key");
        assertNull(answer(Map.of(0, QueryResult.forResult(null), 1, QueryResult.forResult(null)))
            .getOnlyPartitionResult(), "none found it: null, not an exception");
        StateQueryResult<Long> withFailure = answer(Map.of(0, QueryResult.forFailure(FailureReason.NOT_PRESENT,
            "gone"), 1, QueryResult.forResult(3L)));
        assertEquals(3L, withFailure.getOnlyPartitionResult().getResult(), "a failed partition is passed over");
        assertNull(answer(Map.of(0, QueryResult.forFailure(FailureReason.NOT_PRESENT, "gone")))
            .getOnlyPartitionResult());
    }

    @Test
    void shouldRejectOnlyPartitionResultWhenSeveralPartitionsAnswered() {
        StateQueryResult<Long> result = answer(Map.of(0, QueryResult.forResult(1L), 1, QueryResult.forResult(2L)));
        assertThrows(IllegalArgumentException.class, result::getOnlyPartitionResult);
    }

    @Test
    void shouldMergeThePositionsOfPartitionAndGlobalResults() {
        QueryResult<Long> zero = QueryResult.forResult(1L);
        zero.setPosition(Position.emptyPosition().withComponent("in", 0, 4L));
        QueryResult<Long> one = QueryResult.forResult(2L);
        one.setPosition(Position.emptyPosition().withComponent("in", 1, 7L));
        StateQueryResult<Long> partitioned = answer(Map.of(0, zero, 1, one));
        assertEquals(Map.of(0, 4L, 1, 7L), partitioned.getPosition().getPartitionPositions("in"));
        assertEquals(null, partitioned.getGlobalResult());

        StateQueryResult<Long> global = new StateQueryResult<>();
        global.setGlobalResult(zero);
        assertEquals(1L, global.getGlobalResult().getResult());
        assertEquals(zero.getPosition(), global.getPosition());
        assertTrue(global.getPartitionResults().isEmpty());
    }

    @Test
    void shouldOnlyMoveAPositionForwardAndMergeNullAsNothing() {
        Position position = Position.emptyPosition().withComponent("in", 0, 5L);
        assertEquals(Map.of(0, 5L), position.withComponent("in", 0, 1L).getPartitionPositions("in"),
            "as in Kafka, withComponent keeps the larger offset");
        assertEquals(Map.of(0, 7L), position.withComponent("in", 0, 7L).getPartitionPositions("in"));
        assertEquals(position, position.merge(null));
    }

    @Test
    void shouldCopyAPositionIntoAnEqualOne() {
        Position position = Position.fromMap(Map.of("in", Map.of(0, 5L)));
        assertEquals(position, position.copy());
    }

    @Test
    void shouldRefuseTheResultOfAFailureAndTheFailureOfASuccess() {
        QueryResult<Long> failed = QueryResult.forFailure(FailureReason.STORE_EXCEPTION, "boom");
        assertTrue(failed.isFailure());
        assertEquals("boom", failed.getFailureMessage());
        // Kafka's messages and toString, which ported tests and logs compare.
        assertEquals("Cannot get result for failed query. Failure is STORE_EXCEPTION: boom",
            assertThrows(IllegalArgumentException.class, failed::getResult).getMessage());
        assertEquals("FailedQueryResult{failureReason=STORE_EXCEPTION, failure='boom', executionInfo=[], "
            + "position=Position{position={}}}", failed.toString());
        QueryResult<Long> found = QueryResult.forResult(1L);
        found.addExecutionInfo("read");
        found.setPosition(Position.fromMap(Map.of("clicks", Map.of(1, 7L))));
        assertFalse(found.isFailure());
        assertEquals(List.of("read"), found.getExecutionInfo());
        assertEquals("Cannot get failure reason because this query did not fail.",
            assertThrows(IllegalArgumentException.class, found::getFailureReason).getMessage());
        assertEquals("Cannot get failure message because this query did not fail.",
            assertThrows(IllegalArgumentException.class, found::getFailureMessage).getMessage());
        assertEquals("SucceededQueryResult{result=1, executionInfo=[read], position=Position{position={clicks={1=7}}}}",
            found.toString());
    }

    @Test
    void shouldMeetABoundOnlyAtOrPastEachOfItsOffsets() {
        Position bound = Position.fromMap(Map.of("in", Map.of(0, 5L, 1, 2L)));
        Position behind = Position.emptyPosition().withComponent("in", 0, 9L);
        Position ahead = behind.merge(Position.emptyPosition().withComponent("in", 1, 2L));
        assertEquals(Map.of(0, 9L, 1, 2L), ahead.getPartitionPositions("in"));
        assertFalse(PositionBound.at(bound).isMetBy(behind));
        assertTrue(PositionBound.at(bound).isMetBy(ahead));
        assertTrue(PositionBound.unbounded().isMetBy(Position.emptyPosition()));
        // As in Kafka, the unbounded bound is the bound at the empty position.
        assertEquals(Position.emptyPosition(), PositionBound.unbounded().position());
        assertTrue(PositionBound.at(Position.emptyPosition()).isUnbounded());
        assertEquals(PositionBound.unbounded(), PositionBound.at(Position.emptyPosition()));
        assertFalse(PositionBound.at(bound).isUnbounded());
    }

    @Test
    void shouldCheckOnlyAStoresOwnPartitionAgainstABound() {
        PositionBound bound = PositionBound.at(Position.fromMap(Map.of("in", Map.of(0, 5L, 1, 2L),
            "other", Map.of(1, 7L))));
        Position partitionZero = Position.emptyPosition().withComponent("in", 0, 5L);
        assertTrue(bound.isMetBy(partitionZero, 0), "partition 0 needs only in-0 at 5");
        assertFalse(bound.isMetBy(Position.emptyPosition().withComponent("in", 0, 4L), 0), "behind the bound");
        assertFalse(bound.isMetBy(partitionZero, 1), "partition 1 has seen nothing of in-1 or other-1");
        assertFalse(bound.isMetBy(Position.emptyPosition().withComponent("in", 1, 2L), 1), "nor of other-1");
        assertTrue(bound.isMetBy(Position.fromMap(Map.of("in", Map.of(1, 3L), "other", Map.of(1, 7L))), 1));
        assertTrue(bound.isMetBy(Position.emptyPosition(), 2), "the bound says nothing of partition 2");
        assertTrue(PositionBound.unbounded().isMetBy(Position.emptyPosition(), 0));
    }
}
