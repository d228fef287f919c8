package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes and reads the assignor's user data with {@link java.io.DataOutput}'s big-endian encodings; a set of tasks is
 * its count (int32), then per task its sub-topology (int32) and partition (int32). Stateless.
 */
final class UserDataFormat {
    /** Writes the fields of one user data value. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the fields of one user data value. */
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private UserDataFormat() {
    }

    static ByteBuffer encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write user data to memory", e);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    /** Reads {@code userData} from its position, leaving the buffer as it is. */
    static <T> T decode(ByteBuffer userData, Reader<T> reader) {
        ByteBuffer buffer = userData.duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Malformed assignor user data", e);
        }
    }

    static void writeTask(DataOutputStream out, TaskId task) throws IOException {
        out.writeInt(task.subtopology());
        out.writeInt(task.partition());
    }

    static TaskId readTask(DataInputStream in) throws IOException {
        return new TaskId(in.readInt(), in.readInt());
    }

    static void writeTasks(DataOutputStream out, Collection<TaskId> tasks) throws IOException {
        out.writeInt(tasks.size());
        for (TaskId task : tasks) {
            writeTask(out, task);
        }
    }

    static Set<TaskId> readTasks(DataInputStream in) throws IOException {
        int count = in.readInt();
        Set<TaskId> tasks = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            tasks.add(readTask(in));
        }
        return tasks;
    }
}
