package dev.parley.followups;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One follow-up with its contact's details and its chain: the follow-ups it was scheduled from (oldest first) and
 * those scheduled from it (by time).
 *
 * @param conversationNumber the conversation's display number (#N)
 */
public record FollowUpDetail(@JsonUnwrapped FollowUpView followUp, int conversationNumber, FollowUpContact contact,
                             List<FollowUpView> ancestors, List<FollowUpView> children) {
}
