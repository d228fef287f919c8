package dev.runnel.cli;

/**
 * A command could not do what was asked for a reason the user can fix; its message is the one line printed after
 * {@code runnel: }, naming the problem and the fix.
 */
final class CommandFailedException extends RuntimeException {
    CommandFailedException(String message) {
        super(message);
    }
}
