package dev.runnel.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Cluster;
import dev.runnel.testing.Clusters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInPartitionerTest {

    /**
     * Expected partitions are derived by hand from Kafka's published murmur2 answers
     * (toPositive(hash) % numPartitions), so they pin the key-to-partition mapping to Kafka's.
     */
    @ParameterizedTest
    @CsvSource({
        "21, 6, 0",
        "foobar, 6, 0",
        "foobar, 10, 6",
        "a-little-bit-long-string, 6, 2",
        "a-little-bit-longer-string, 6, 5",
        "a-little-bit-longer-string, 10, 9",
        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8, 6, 5",
        "abc, 6, 3",
        "abc, 10, 7",
        "abc, 1, 0"})
    void shouldPartitionKeysAsKafkaDoes(String key, int numPartitions, int expected) {
        assertEquals(expected, BuiltInPartitioner.partitionForKey(utf8(key), numPartitions));
    }

    @Test
    void shouldSpreadKeysDeterministicallyOverSixPartitions() {
        int[] first = countsForKeys(6000, 6);
        int[] second = countsForKeys(6000, 6);
        assertArrayEquals(first, second);
        for (int partition = 0; partition < 6; partition++) {
            int count = first[partition];
            assertTrue(count > 850 && count < 1150, "partition " + partition + " got " + count + " of 6000 keys");
        }
    }

    @Test
    void shouldUseKeyHashWhenKeyPresentAndRoundRobinOtherwise() {
        BuiltInPartitioner partitioner = new BuiltInPartitioner();
        Cluster cluster = Clusters.of("t", 6);
        assertEquals(3, partitioner.partition("t", "abc", utf8("abc"), null, null, cluster));
        assertEquals(3, partitioner.partition("t", "abc", utf8("abc"), null, null, cluster));
        List<Integer> nullKeyed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nullKeyed.add(partitioner.partition("t", null, null, "v", utf8("v"), cluster));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 0, 1), nullKeyed);
    }

    @Test
    void shouldFollowPartitionCountChangesInRoundRobin() {
        BuiltInPartitioner partitioner = new BuiltInPartitioner();
        assertEquals(0, partitioner.nextPartition("t", 2));
        assertEquals(1, partitioner.nextPartition("t", 2));
        assertEquals(2, partitioner.nextPartition("t", 4));
        assertEquals(3, partitioner.nextPartition("t", 4));
        assertEquals(0, partitioner.nextPartition("t", 4));
    }

    @Test
    void shouldRejectNonPositivePartitionCount() {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> BuiltInPartitioner.partitionForKey(utf8("k"), 0));
        assertEquals("numPartitions must be positive, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BuiltInPartitioner().nextPartition("t", -1));
        assertThrows(IllegalArgumentException.class,
            () -> new BuiltInPartitioner().partition("unknown", null, null, null, null, Clusters.of("t", 1)));
    }

    private static int[] countsForKeys(int keys, int numPartitions) {
        int[] counts = new int[numPartitions];
        for (int i = 0; i < keys; i++) {
            counts[BuiltInPartitioner.partitionForKey(utf8("key-" + i), numPartitions)]++;
        }
        return counts;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
