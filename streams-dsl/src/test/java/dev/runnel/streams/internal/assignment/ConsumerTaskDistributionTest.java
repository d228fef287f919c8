package dev.runnel.streams.internal.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.processor.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A client's tasks spread evenly over its threads, staying where they were while there is room. */
class ConsumerTaskDistributionTest {
    private static final TaskId T0 = new TaskId(0, 0);
    private static final TaskId T1 = new TaskId(0, 1);
    private static final TaskId T2 = new TaskId(0, 2);
    private static final TaskId T3 = new TaskId(0, 3);
    private static final TaskId T4 = new TaskId(0, 4);

    @Test
    void shouldKeepTasksOnTheirThreadWhileItHasRoomAndFillTheLeastLoadedOne() {
        Map<String, SortedSet<TaskId>> spread = ConsumerTaskDistribution.spread(List.of("a", "b"),
            new TreeSet<>(Set.of(T0, T1, T2, T3, T4)), Map.of("b", Set.of(T0, T1, T2, T3)));

        assertEquals(Set.of(T0, T1, T2), spread.get("b"), "b keeps up to its share, 3 of 5");
        assertEquals(Set.of(T3, T4), spread.get("a"));
    }

    @Test
    void shouldGiveTiesToTheEarlierThread() {
        Map<String, SortedSet<TaskId>> spread = ConsumerTaskDistribution.spread(List.of("a", "b", "c"),
            new TreeSet<>(Set.of(T0, T1, T2, T3)), Map.of());

        assertEquals(Set.of(T0, T3), spread.get("a"));
        assertEquals(Set.of(T1), spread.get("b"));
        assertEquals(Set.of(T2), spread.get("c"));
    }
}
