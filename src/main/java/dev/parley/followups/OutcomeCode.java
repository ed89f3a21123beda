package dev.parley.followups;

/** How a completed follow-up went, for reports; the free-text outcome says the rest. */
public enum OutcomeCode {
    /** The contact was reached and the matter discussed. */
    REACHED,
    /** Nobody answered. */
    NO_ANSWER,
    /** A voicemail or message was left. */
    LEFT_MESSAGE,
    /** The contact asked for another time (schedule the next follow-up from this one). */
    RESCHEDULED,
    /** The contact's matter is resolved. */
    RESOLVED,
    /** The contact does not want to pursue it. */
    NOT_INTERESTED
}
