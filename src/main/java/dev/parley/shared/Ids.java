package dev.parley.shared;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes UUIDv7 identifiers: time-ordered, so indexes stay compact and ids sort by creation, also within one
 * millisecond. The 12 bits after the timestamp are a counter (RFC 9562, section 6.2, method 1): a new millisecond
 * starts it at a random value in its lower half, each further id of that millisecond adds one, and an overflow
 * borrows the next millisecond. The clock going back never makes an id sort before an earlier one.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The last id's milliseconds and counter: {@code millis << 12 | counter}. */
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    public static UUID newId() {
        long timeAndCounter = next(System.currentTimeMillis());
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        long msb = ((timeAndCounter >>> 12) << 16) | 0x7000L | (timeAndCounter & 0xFFFL);
        long lsb = 0x8000000000000000L | ((random[0] & 0x3FL) << 56);
        for (int i = 1; i < 8; i++) {
            lsb |= (random[i] & 0xFFL) << (8 * (7 - i));
        }
        return new UUID(msb, lsb);
    }

    private static long next(long millis) {
        long fresh = (millis << 12) | RANDOM.nextInt(2048);
        return LAST.accumulateAndGet(fresh, (last, candidate) -> (candidate >>> 12) > (last >>> 12) ? candidate : last + 1);
    }
}
