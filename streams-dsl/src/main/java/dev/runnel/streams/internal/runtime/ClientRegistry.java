package dev.runnel.streams.internal.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The clients of each application in this process: the client indexes in use (a restarted client reuses its index,
 * and so its ids) and the started clients, which shut the application down together and route its queries.
 * Thread-safe.
 *
 * @param <C> the client type
 */
public final class ClientRegistry<C> {
    private final Map<String, Set<Integer>> indexes = new ConcurrentHashMap<>();
    private final Map<String, List<C>> started = new ConcurrentHashMap<>();

    /** Claims and returns the lowest client index of {@code applicationId} not in use, from 1. */
    public int claimIndex(String applicationId) {
        Set<Integer> used = indexes.computeIfAbsent(applicationId, id -> ConcurrentHashMap.newKeySet());
        synchronized (used) {
            int index = 1;
            while (used.contains(index)) {
                index++;
            }
            used.add(index);
            return index;
        }
    }

    /** Frees a client index claimed by {@link #claimIndex}. */
    public void releaseIndex(String applicationId, int index) {
        Set<Integer> used = indexes.get(applicationId);
        if (used != null) {
            synchronized (used) {
                used.remove(index);
            }
        }
    }

    /** Records a started client of {@code applicationId}. */
    public void addStarted(String applicationId, C client) {
        started.computeIfAbsent(applicationId, id -> new CopyOnWriteArrayList<>()).add(client);
    }

    /** Forgets a client once it stops (or fails to start). */
    public void removeStarted(String applicationId, C client) {
        List<C> clients = started.get(applicationId);
        if (clients != null) {
            clients.remove(client);
        }
    }

    /** Returns the started clients of {@code applicationId}, a snapshot safe to iterate. */
    public List<C> started(String applicationId) {
        return List.copyOf(started.getOrDefault(applicationId, List.of()));
    }
}
