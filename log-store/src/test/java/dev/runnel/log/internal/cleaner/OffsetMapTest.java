package dev.runnel.log.internal.cleaner;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetMapTest {
    static LongStream seeds() {
        return Seeds.seeds(10);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void lookupMatchesHashMapModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = random.nextInt(1, 5000);
        OffsetMap map = new OffsetMap(capacity);
        Map<String, Long> model = new HashMap<>();
        byte[] scratch = new byte[64];
        long offset = 0;
        for (int i = 0; i < capacity * 3; i++) {
            String key = "k" + random.nextInt(capacity);
            int length = encode(key, scratch);
            offset += random.nextInt(1, 10);
            map.put(scratch, length, offset);
            model.put(key, offset);
            String probe = "k" + random.nextInt(capacity * 2);
            int probeLength = encode(probe, scratch);
            assertEquals(model.getOrDefault(probe, -1L), map.get(scratch, probeLength), "seed=" + seed + " " + probe);
        }
        assertEquals(model.size(), map.size(), "seed=" + seed);
        map.clear();
        assertEquals(0, map.size());
        assertEquals(-1, map.get(scratch, encode("k0", scratch)));
    }

    @Test
    void shouldRefuseNewKeysWhenFullAndKeepTheLargestOffset() {
        OffsetMap map = new OffsetMap(2);
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        map.put(a, 1, 5);
        map.put(a, 1, 3);
        assertEquals(5, map.get(a, 1));
        map.put(b, 1, 6);
        assertFalse(map.hasRoomFor(1));
        assertTrue(map.hasRoomFor(0));
        map.put(b, 1, 7);
        assertThrows(IllegalStateException.class, () -> map.put("c".getBytes(StandardCharsets.UTF_8), 1, 8));
        assertEquals(7, map.get(b, 1));
    }

    @Test
    void shouldDistinguishKeysByContentNotArrayLength() {
        OffsetMap map = new OffsetMap(4);
        byte[] buffer = "abc".getBytes(StandardCharsets.UTF_8);
        map.put(buffer, 2, 1);
        assertEquals(1, map.get("abX".getBytes(StandardCharsets.UTF_8), 2));
        assertEquals(-1, map.get(buffer, 3));
        assertEquals(-1, map.get(buffer, 0));
    }

    private static int encode(String key, byte[] scratch) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, scratch, 0, bytes.length);
        return bytes.length;
    }
}
