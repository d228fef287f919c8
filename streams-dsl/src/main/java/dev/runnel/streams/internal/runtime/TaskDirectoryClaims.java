package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Directories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The task directories ({@code <state.dir>/<application.id>/<taskId>}) that tasks of this process have open, active
 * or standby, so that the state directory cleaner deletes none of them under a task. Process-wide rather than per
 * client: clients of one application in one process may share a state directory, and one client's cleaner must not
 * delete a directory that another client's task uses. Thread-safe.
 */
final class TaskDirectoryClaims {
    /** What a directory set aside for deletion is renamed to end with; no task id does. */
    static final String SET_ASIDE_SUFFIX = ".deleted";
    /** How many open tasks claim each directory (a standby and an active task of two clients may share one). */
    private static final Map<Path, Integer> CLAIMS = new HashMap<>();

    private TaskDirectoryClaims() {
    }

    /** One task's claim on its directory; closing it releases it, once. */
    static final class Claim implements AutoCloseable {
        private final Path directory;
        private boolean released;

        private Claim(Path directory) {
            this.directory = directory;
        }

        @Override
        public void close() {
            synchronized (TaskDirectoryClaims.class) {
                if (!released) {
                    released = true;
                    CLAIMS.merge(directory, -1, (count, minusOne) -> count == 1 ? null : count + minusOne);
                }
            }
        }
    }

    /** Claims {@code directory} for a task until the returned claim is closed. */
    static synchronized Claim claim(Path directory) {
        Path key = key(directory);
        CLAIMS.merge(key, 1, Integer::sum);
        return new Claim(key);
    }

    /**
     * Renames {@code directory} out of the tasks' way if no task claims it and {@code obsolete} accepts it, so that the
     * caller can delete it without holding up claims meanwhile (a task claiming the id then starts a new directory).
     *
     * @return the directory's new name, ending with {@link #SET_ASIDE_SUFFIX}, or {@code null} if it stays
     */
    static synchronized Path setAsideIfUnclaimed(Path directory, Predicate<Path> obsolete) throws IOException {
        if (CLAIMS.containsKey(key(directory)) || !obsolete.test(directory)) {
            return null;
        }
        Path setAside = directory.resolveSibling(directory.getFileName() + "." + System.nanoTime()
            + SET_ASIDE_SUFFIX);
        return Files.move(directory, setAside);
    }

    /**
     * Deletes {@code directory}, an application's state directory, unless a task claims a directory below it. Only the
     * check and a rename aside hold off claims; the deletion of what was renamed aside does not. A directory that
     * cannot be renamed (a mount point) is emptied in place instead; what an earlier failed deletion left aside goes
     * too.
     *
     * @return a claimed task directory, which kept the whole directory from deletion, or {@code null} once deleted
     */
    static Path deleteUnlessClaimedBelow(Path directory) throws IOException {
        synchronized (TaskDirectoryClaims.class) {
            Path root = key(directory);
            for (Path claimed : CLAIMS.keySet()) {
                if (claimed.startsWith(root)) {
                    return claimed;
                }
            }
            if (Files.exists(directory)) {
                try {
                    Files.move(directory, directory.resolveSibling(directory.getFileName() + "." + System.nanoTime()
                        + SET_ASIDE_SUFFIX));
                } catch (IOException e) {
                    Directories.deleteRecursively(directory);
                }
            }
        }
        deleteLeftAside(directory);
        return null;
    }

    /** Deletes the directories an application's state directory was renamed to for deletion. */
    private static void deleteLeftAside(Path directory) throws IOException {
        String prefix = directory.getFileName() + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory.toAbsolutePath().getParent(),
            sibling -> sibling.getFileName().toString().startsWith(prefix)
                && sibling.getFileName().toString().endsWith(SET_ASIDE_SUFFIX))) {
            for (Path sibling : siblings) {
                Directories.deleteRecursively(sibling);
            }
        } catch (NoSuchFileException e) {
            // No state directory at all.
        }
    }

    /**
     * Returns the path that identifies {@code directory} whichever way it is named: the real path of its nearest
     * existing ancestor (links resolved, so two clients naming one state dir through a link and directly share claims),
     * then the rest of it.
     */
    private static Path key(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException e) {
                // Not there (yet, or any more): try its parent.
            }
        }
        return absolute;
    }
}
