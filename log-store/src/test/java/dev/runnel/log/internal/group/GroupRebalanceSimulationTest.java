package dev.runnel.log.internal.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.consumer.CooperativeStickyAssignor;
import dev.runnel.clients.consumer.RangeAssignor;
import dev.runnel.clients.consumer.RoundRobinAssignor;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.testing.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded simulation of consumers joining, leaving, rejoining and collecting assignments in random order, each
 * modelled as the real consumer behaves (eager: revoke everything before rejoining; cooperative: revoke what the new
 * assignment drops, then rejoin). Invariant: a consumer is never handed a partition another consumer still owns, and
 * once everyone settles every partition has exactly one owner, balanced.
 */
class GroupRebalanceSimulationTest {
    private static final int PARTITIONS = 12;

    @TempDir
    Path dataDir;

    /** One simulated consumer. */
    private static final class Client {
        GroupMember member;
        final Set<TopicPartition> owned = new HashSet<>();
        boolean awaiting;
        boolean needsJoin;
    }

    static LongStream seeds() {
        return Seeds.seeds(24);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noPartitionEverHasTwoOwners(long seed) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        List<ConsumerPartitionAssignor> assignors = List.of(List.<ConsumerPartitionAssignor>of(new RangeAssignor()),
            List.<ConsumerPartitionAssignor>of(new RoundRobinAssignor()),
            List.<ConsumerPartitionAssignor>of(new CooperativeStickyAssignor())).get(random.nextInt(3));
        boolean cooperative = assignors.get(0) instanceof CooperativeStickyAssignor;
        try (RunnelLog log = RunnelLog.open(RunnelLogConfig.of(dataDir), new ManualTime())) {
            log.createTopic("t", PARTITIONS, Map.of());
            GroupCoordinator coordinator = log.groupCoordinator();
            List<Client> clients = new ArrayList<>();
            String where = "seed " + seed + " " + assignors.get(0).name();
            for (int step = 0; step < 300; step++) {
                int action = random.nextInt(10);
                if (action == 0 && clients.size() < 6 || clients.isEmpty()) {
                    Client client = new Client();
                    client.member = coordinator.join(request(null, List.of(), assignors));
                    client.awaiting = true;
                    clients.add(client);
                } else if (action == 1 && clients.size() > 1) {
                    Client client = clients.remove(random.nextInt(clients.size()));
                    client.owned.clear();
                    coordinator.leave(client.member, "simulated close");
                } else {
                    poll(coordinator, clients.get(random.nextInt(clients.size())), clients, cooperative, assignors,
                        where + " step " + step);
                }
                coordinator.checkInvariants();
            }
            for (int round = 0; round < 100 && clients.stream().anyMatch(c -> busy(c)); round++) {
                for (Client client : clients) {
                    poll(coordinator, client, clients, cooperative, assignors, where + " settling");
                }
            }
            Set<TopicPartition> all = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Client client : clients) {
                assertTrue(!busy(client), where + ": did not settle");
                all.addAll(client.owned);
                min = Math.min(min, client.owned.size());
                max = Math.max(max, client.owned.size());
            }
            assertEquals(PARTITIONS, all.size(), where);
            assertTrue(max - min <= 1, where + ": owned counts from " + min + " to " + max);
        }
    }

    private static boolean busy(Client client) {
        return client.awaiting || client.needsJoin || client.member.rejoinRequested();
    }

    private static JoinRequest request(GroupMember member, List<TopicPartition> owned,
                                       List<ConsumerPartitionAssignor> assignors) {
        return new JoinRequest("g", member, Optional.empty(), "sim", List.of("t"), owned, assignors, 10_000, 60_000);
    }

    /** One poll of the simulated consumer, following ConsumerCoordinator's order of steps. */
    private static void poll(GroupCoordinator coordinator, Client client, List<Client> clients, boolean cooperative,
                             List<ConsumerPartitionAssignor> assignors, String where) throws InterruptedException {
        if (client.awaiting) {
            GroupCoordinator.Assignment assignment = coordinator.awaitAssignment(client.member, 0);
            if (assignment == null) {
                return;
            }
            client.awaiting = false;
            Set<TopicPartition> target = new HashSet<>(assignment.partitions());
            if (client.owned.retainAll(target)) {
                client.needsJoin = true;
            }
            for (TopicPartition tp : target) {
                for (Client other : clients) {
                    if (other != client && other.owned.contains(tp)) {
                        fail(where + ": " + tp + " handed to " + client.member + " while " + other.member
                            + " owns it");
                    }
                }
                client.owned.add(tp);
            }
        } else if (client.needsJoin || client.member.rejoinRequested()) {
            if (!cooperative) {
                client.owned.clear();
            }
            coordinator.join(request(client.member, List.copyOf(client.owned), assignors));
            client.needsJoin = false;
            client.awaiting = true;
        }
    }
}
