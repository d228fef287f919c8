package dev.runnel.log.txn;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Reads a group's committed offsets the way an operator would: through the admin client. */
final class GroupOffsets {
    private GroupOffsets() {
    }

    static Map<TopicPartition, Long> committed(String dataDir, String group) {
        try (Admin admin = Admin.create(Map.of("log.dir", dataDir))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    offsets.put(tp, offset.offset());
                }
            });
            return offsets;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the offsets of group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
