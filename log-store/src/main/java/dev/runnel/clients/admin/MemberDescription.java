package dev.runnel.clients.admin;

import java.util.Optional;

/** One member of a consumer group. The host of an embedded member is {@code /embedded}. */
public record MemberDescription(String memberId, Optional<String> groupInstanceId, String clientId, String host,
                                MemberAssignment assignment) {
    public static final String EMBEDDED_HOST = "/embedded";
}
