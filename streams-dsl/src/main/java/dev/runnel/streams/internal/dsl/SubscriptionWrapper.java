package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.errors.StreamsException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The messages of a foreign-key join's internal topics, in their byte formats.
 *
 * <p>Subscription (value of {@code -subscription-registration-topic}, keyed by the foreign key):
 * <pre>
 *  0  version      int8    0
 *  1  instruction  int8    {@link Instruction} ordinal
 *  2  hasHash      int8    1 if a hash follows, else 0
 *  3  hash         16 B    MD5 of the left value's serialized bytes (only if hasHash)
 *  .  primaryKey   rest    the left table's key, serialized
 * </pre>
 * Response (value of {@code -subscription-response-topic}, keyed by the left table's key):
 * <pre>
 *  0  version      int8    0
 *  1  hasHash      int8    1 if a hash follows, else 0
 *  2  hash         16 B    the hash from the subscription (only if hasHash)
 *  .  hasValue     int8    1 if the foreign value follows, else 0
 *  .  foreignValue rest    the right table's value, serialized
 * </pre>
 * The hash lets the left side drop responses to subscriptions its value has since replaced.
 */
final class SubscriptionWrapper {
    static final int HASH_BYTES = 16;
    private static final byte VERSION = 0;

    /** What the right side does with a subscription. */
    enum Instruction {
        /** The left record was deleted: remove the subscription and send a response (a tombstone). */
        DELETE_KEY_AND_PROPAGATE,
        /** The left record moved to another foreign key: remove the subscription silently. */
        DELETE_KEY_NO_PROPAGATE,
        /** Subscribe and respond even if the foreign key has no value (left joins; inner joins after an FK change). */
        PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE,
        /** Subscribe and respond only if the foreign key has a value. */
        PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE
    }

    /** A decoded subscription. */
    record Subscription(Instruction instruction, byte[] hash, byte[] primaryKey) {
    }

    /** A decoded response. */
    record Response(byte[] hash, byte[] foreignValue) {
    }

    private SubscriptionWrapper() {
    }

    static byte[] encodeSubscription(Instruction instruction, byte[] hash, byte[] primaryKey) {
        ByteBuffer buffer = ByteBuffer.allocate(3 + (hash == null ? 0 : HASH_BYTES) + primaryKey.length);
        buffer.put(VERSION).put((byte) instruction.ordinal()).put((byte) (hash == null ? 0 : 1));
        if (hash != null) {
            buffer.put(hash);
        }
        return buffer.put(primaryKey).array();
    }

    static Subscription decodeSubscription(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        checkVersion(buffer.get());
        Instruction instruction = Instruction.values()[buffer.get()];
        byte[] hash = readHash(buffer);
        byte[] primaryKey = new byte[buffer.remaining()];
        buffer.get(primaryKey);
        return new Subscription(instruction, hash, primaryKey);
    }

    static byte[] encodeResponse(byte[] hash, byte[] foreignValue) {
        ByteBuffer buffer = ByteBuffer.allocate(3 + (hash == null ? 0 : HASH_BYTES)
            + (foreignValue == null ? 0 : foreignValue.length));
        buffer.put(VERSION).put((byte) (hash == null ? 0 : 1));
        if (hash != null) {
            buffer.put(hash);
        }
        buffer.put((byte) (foreignValue == null ? 0 : 1));
        if (foreignValue != null) {
            buffer.put(foreignValue);
        }
        return buffer.array();
    }

    static Response decodeResponse(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        checkVersion(buffer.get());
        byte[] hash = readHash(buffer);
        byte[] foreignValue = null;
        if (buffer.get() == 1) {
            foreignValue = new byte[buffer.remaining()];
            buffer.get(foreignValue);
        }
        return new Response(hash, foreignValue);
    }

    /** Returns the subscription store key: the foreign key's length and bytes, then the primary key's bytes. */
    static byte[] combinedKey(byte[] foreignKey, byte[] primaryKey) {
        return ByteBuffer.allocate(Integer.BYTES + foreignKey.length + primaryKey.length)
            .putInt(foreignKey.length).put(foreignKey).put(primaryKey).array();
    }

    /** Returns the prefix shared by the subscription store keys of {@code foreignKey}. */
    static byte[] foreignKeyPrefix(byte[] foreignKey) {
        return ByteBuffer.allocate(Integer.BYTES + foreignKey.length).putInt(foreignKey.length).put(foreignKey)
            .array();
    }

    /** Returns the 16-byte hash of serialized value bytes, or {@code null} for a null value. */
    static byte[] hash(byte[] valueBytes) {
        if (valueBytes == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("MD5").digest(valueBytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    private static byte[] readHash(ByteBuffer buffer) {
        if (buffer.get() == 0) {
            return null;
        }
        byte[] hash = new byte[HASH_BYTES];
        buffer.get(hash);
        return hash;
    }

    private static void checkVersion(byte version) {
        if (version != VERSION) {
            throw new StreamsException("Unknown foreign-key join message version " + version + "; this Runnel"
                + " version reads version " + VERSION);
        }
    }
}
