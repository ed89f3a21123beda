package dev.parley.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;

/**
 * Moves the application's clock for a test, and puts it back afterwards. A recurring job that ran while the clock
 * was ahead scheduled its next run in that future; putting time back also brings those runs back to now, so the
 * tests after this one see the jobs as usual. It also holds the jobs still while a test arranges things.
 */
public final class TimeMachine {

    private static final Set<String> RECURRING = Set.of("conversation-auto-resolve", "webhook-delivery-cleanup",
            "billing-cycle", "usage-snapshot");

    private final MutableClock clock;
    private final Scheduler scheduler;

    TimeMachine(MutableClock clock, Scheduler scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Moves time ahead; jobs that became due run within a polling interval. */
    public void advance(Duration by) {
        clock.advance(by);
        scheduler.triggerCheckForDueExecutions();
    }

    /** Holds the jobs, as a node that is down: none starts until {@link #resumeJobs()}, none is running on return. */
    public void pauseJobs() {
        scheduler.pause();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!scheduler.getCurrentlyExecuting().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void resumeJobs() {
        scheduler.resume();
    }

    /** Back to real time, with the recurring jobs due now and every job running. */
    public void reset() {
        clock.reset();
        Instant now = clock.instant();
        for (ScheduledExecution<Object> execution : scheduler.getScheduledExecutions()) {
            if (RECURRING.contains(execution.getTaskInstance().getTaskName())
                    && execution.getExecutionTime().isAfter(now.plus(Duration.ofMinutes(1)))) {
                try {
                    scheduler.reschedule(execution.getTaskInstance(), now);
                } catch (TaskInstanceCurrentlyExecutingException running) {
                    // It is running now, under real time again: it reschedules itself from now.
                }
            }
        }
        scheduler.resume();
    }
}
