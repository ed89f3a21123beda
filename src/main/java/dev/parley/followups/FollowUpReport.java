package dev.parley.followups;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * How the follow-ups scheduled within [from, to) turned out, overall and by type, channel and operator (assignee).
 * Rates are shares of the follow-ups that are decided (completed, missed or cancelled), null when none is; a
 * completed follow-up led to a resolution when its outcome is {@code RESOLVED} or its conversation is resolved now
 * and was resolved at or after the follow-up's completion.
 */
public record FollowUpReport(Instant from, Instant to, Figures overall, List<Group> byType, List<Group> byChannel,
                             List<Group> byOperator) {

    /**
     * @param scheduled         still scheduled (not decided yet)
     * @param ledToResolution   completed follow-ups that led to a resolved conversation
     * @param resolutionRate    ledToResolution / completed, null when nothing was completed
     */
    public record Figures(long total, long scheduled, long completed, long missed, long cancelled,
                          Double completedRate, Double missedRate, Double cancelledRate, long ledToResolution,
                          Double resolutionRate) {
    }

    /** One row of a breakdown: its key (a type, a channel, a user id) and a label to show. */
    public record Group(String key, String label, @JsonUnwrapped Figures figures) {
    }
}
