package dev.runnel.log;

import dev.runnel.common.errors.InvalidTopicException;

/** Kafka's rules for topic names, with errors that state the rule that was broken. */
public final class Topics {
    /** The longest name Kafka accepts: 255 less room for a partition suffix in the folder name. */
    public static final int MAX_NAME_LENGTH = 249;

    private Topics() {
    }

    /** Throws {@link InvalidTopicException} unless {@code name} is a legal topic name. */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("Topic name is empty; a topic name needs 1 to 249 characters "
                + "from ASCII letters, digits, '.', '_' and '-'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidTopicException("Topic name is " + name.length() + " characters long; the limit is "
                + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new InvalidTopicException("Topic name \"" + name + "\" is illegal: it contains '" + c
                    + "' at position " + i + "; only ASCII letters, digits, '.', '_' and '-' are allowed");
            }
        }
    }

    /** Internal topics, such as {@code __consumer_offsets}, start with two underscores. */
    public static boolean isInternal(String name) {
        return name.startsWith("__");
    }
}
