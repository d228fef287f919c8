package dev.runnel.clients.admin;

/** A topic's name and whether it is internal (its name starts with two underscores). */
public record TopicListing(String name, boolean isInternal) {
}
