package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The query object of KIP-960: its key, its optional as-of time, and immutability. */
class VersionedKeyQueryTest {

    @Test
    void shouldAskForTheLatestVersionUnlessAsOfIsSet() {
        VersionedKeyQuery<String, String> latest = VersionedKeyQuery.withKey("apple");
        VersionedKeyQuery<String, String> past = latest.asOf(Instant.ofEpochMilli(6_000L));

        assertEquals("apple", latest.key());
        assertEquals(Optional.empty(), latest.asOfTimestamp());
        assertEquals("apple", past.key());
        assertEquals(Optional.of(Instant.ofEpochMilli(6_000L)), past.asOfTimestamp());
        assertEquals(Optional.empty(), latest.asOfTimestamp(), "asOf returns a new query");
        assertEquals(Optional.of(Instant.ofEpochMilli(1L)), past.asOf(Instant.ofEpochMilli(1L)).asOfTimestamp(),
            "a second asOf replaces the first");
    }

    @Test
    void shouldRefuseNullKeyAndNullAsOf() {
        assertThrows(NullPointerException.class, () -> VersionedKeyQuery.withKey(null));
        assertThrows(NullPointerException.class, () -> VersionedKeyQuery.withKey("apple").asOf(null));
    }
}
