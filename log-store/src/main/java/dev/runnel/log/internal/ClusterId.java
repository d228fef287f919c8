package dev.runnel.log.internal;

import dev.runnel.common.Uuid;
import dev.runnel.common.errors.KafkaStorageException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The cluster id of a data folder, kept as {@code cluster.id} in {@code DATA_DIR/meta.properties}, the file and key
 * Kafka's brokers use. Written atomically; called under the log's lock.
 */
public final class ClusterId {
    static final String FILE = "meta.properties";
    static final String KEY = "cluster.id";

    private ClusterId() {
    }

    /** Returns the folder's id, creating and storing a random one if it has none. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                String id = properties.getProperty(KEY);
                if (id != null) {
                    return id;
                }
            }
            String id = Uuid.randomUuid().toString();
            properties.setProperty(KEY, id);
            StringWriter text = new StringWriter();
            properties.store(text, null);
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            return id;
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot read or write the cluster id in " + file + ": " + e.getMessage(),
                e);
        }
    }
}
