package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.errors.StreamsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an application's local state directories and restricts them as Kafka Streams does: {@code state.dir} and
 * {@code <state.dir>/<application.id>} are writable by their owner alone and readable by the owner's group
 * ({@code rwxr-x---}), or writable by the group too with {@code allow.os.group.write.access} (KIP-1230). Stores'
 * snapshots hold the application's data, which other users of the machine should not read or change.
 */
public final class StateDirectoryPermissions {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryPermissions.class);
    private static final Set<PosixFilePermission> OWNER_WRITES = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> GROUP_WRITES = PosixFilePermissions.fromString("rwxrwx---");

    private StateDirectoryPermissions() {
    }

    /**
     * Creates {@code applicationDir} (and {@code stateDir}, its parent) if missing and sets both directories'
     * permissions. A directory whose permissions cannot be set (another user's, shared through their group, or on a
     * file system without POSIX permissions) keeps them, with a warning, as in Kafka Streams.
     *
     * @throws StreamsException if a directory cannot be created
     */
    public static void apply(Path stateDir, Path applicationDir, boolean groupWrite) {
        try {
            Files.createDirectories(applicationDir);
        } catch (IOException e) {
            throw new StreamsException("Could not create the state directory " + applicationDir + " (" + e
                + "); check that state.dir names a directory this user may write", e);
        }
        Set<PosixFilePermission> permissions = groupWrite ? GROUP_WRITES : OWNER_WRITES;
        restrict(stateDir, permissions);
        restrict(applicationDir, permissions);
    }

    private static void restrict(Path directory, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(directory, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not set the permissions of state directory {} to {}: {}", directory,
                PosixFilePermissions.toString(permissions), e.toString());
        }
    }
}
