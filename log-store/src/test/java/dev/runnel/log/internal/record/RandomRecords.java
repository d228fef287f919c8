package dev.runnel.log.internal.record;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generates random records for property tests: null and empty keys and values, large values, null header values. */
final class RandomRecords {
    private RandomRecords() {
    }

    static List<Record> generate(SplittableRandom random, int count) {
        List<Record> records = new ArrayList<>(count);
        long timestamp = random.nextLong(0, 2_000_000_000_000L);
        for (int i = 0; i < count; i++) {
            long ts = random.nextInt(10) == 0 ? Math.max(0, timestamp - random.nextLong(0, 1L << 40))
                : timestamp + random.nextInt(0, 100_000);
            records.add(new Record(i, ts, bytes(random, false), bytes(random, true), headers(random)));
        }
        return records;
    }

    static byte[] bytes(SplittableRandom random, boolean allowLarge) {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return null;
        }
        if (kind < 5) {
            return new byte[0];
        }
        int size = allowLarge && kind == 5 ? random.nextInt(1, 40_000) : random.nextInt(1, 200);
        byte[] bytes = new byte[size];
        if (random.nextBoolean()) {
            random.nextBytes(bytes);
        } else {
            // Repetitive data, so that codecs find matches.
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + (i % 7));
            }
        }
        return bytes;
    }

    static Header[] headers(SplittableRandom random) {
        int count = random.nextInt(4) == 0 ? random.nextInt(1, 6) : 0;
        Header[] headers = new Header[count];
        for (int i = 0; i < count; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(0, 10);
            for (int c = 0; c < length; c++) {
                key.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x80, 0x2000) : random.nextInt('a', 'z'));
            }
            headers[i] = new RecordHeader(key.toString(), bytes(random, false));
        }
        return headers;
    }
}
