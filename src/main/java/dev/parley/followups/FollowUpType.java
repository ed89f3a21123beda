package dev.parley.followups;

import java.util.List;

/** What the follow-up is: a call, an email, a text message, a WhatsApp message or a meeting. */
public enum FollowUpType {
    CALL(List.of(FollowUpChannel.PHONE, FollowUpChannel.WHATSAPP)),
    EMAIL(List.of(FollowUpChannel.EMAIL)),
    SMS(List.of(FollowUpChannel.SMS)),
    WHATSAPP(List.of(FollowUpChannel.WHATSAPP)),
    MEETING(List.of(FollowUpChannel.VIDEO, FollowUpChannel.IN_PERSON, FollowUpChannel.PHONE));

    private final List<FollowUpChannel> channels;

    FollowUpType(List<FollowUpChannel> channels) {
        this.channels = channels;
    }

    /** The channels this type of follow-up can use, the default first. */
    public List<FollowUpChannel> channels() {
        return channels;
    }

    /** The channel a follow-up of this type uses unless told otherwise. */
    public FollowUpChannel defaultChannel() {
        return channels.getFirst();
    }

    public boolean allows(FollowUpChannel channel) {
        return channels.contains(channel);
    }
}
