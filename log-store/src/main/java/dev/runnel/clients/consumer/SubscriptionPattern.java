package dev.runnel.clients.consumer;

import dev.runnel.common.errors.InvalidRegularExpression;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression of topic names to subscribe to, in RE2/J syntax, as Kafka's (KIP-848): where Kafka's broker
 * evaluates it, Runnel's embedded group does, with {@link java.util.regex.Pattern}, whose syntax takes in RE2's
 * (bar RE2's {@code (?P<name>...)} groups, which Java spells {@code (?<name>...)}). A topic is subscribed when its
 * whole name matches.
 */
public class SubscriptionPattern {
    private final String pattern;

    public SubscriptionPattern(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    /** Returns the regular expression. */
    public String pattern() {
        return pattern;
    }

    /** Compiles the expression; an invalid one is the error Kafka's group reports for it. */
    Pattern compile() {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegularExpression("Invalid regular expression " + pattern + " in the subscription: "
                + e.getDescription(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
