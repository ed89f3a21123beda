package dev.parley.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable jobs on the application's own pool: several nodes share the executions, and each runs once. */
@ParleyIntegrationTest
class DurableJobsIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void twoNodesOnOneDatabaseRunEveryExecutionExactlyOnce() {
        String task = "test-once-" + UUID.randomUUID();
        Map<String, List<String>> runs = new ConcurrentHashMap<>();
        Scheduler first = node("node-1", task, runs);
        Scheduler second = node("node-2", task, runs);
        List<TaskInstance<?>> executions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            executions.add(new TaskInstance<>(task, "execution-" + i));
        }
        first.scheduleBatch(executions, clock.now());
        try {
            first.start();
            second.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> stored(task) == 0);

            assertThat(runs).hasSize(30);
            assertThat(runs.values()).allSatisfy(nodes -> assertThat(nodes).as("nodes that ran it").hasSize(1));
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void anExecutionIsStoredWithTheTransactionThatSchedulesItOrNotAtAll() {
        String task = "test-rollback-" + UUID.randomUUID();
        Map<String, List<String>> runs = new ConcurrentHashMap<>();
        Scheduler node = node("node-1", task, runs);
        var transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(status -> {
            node.scheduleIfNotExists(new TaskInstance<>(task, "kept"), clock.now());
        });
        transactions.executeWithoutResult(status -> {
            node.scheduleIfNotExists(new TaskInstance<>(task, "undone"), clock.now());
            status.setRollbackOnly();
        });
        try {
            node.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> stored(task) == 0);

            assertThat(runs).containsOnlyKeys("kept");
        } finally {
            node.stop();
        }
    }

    /** A scheduler node as the application builds one: the application's pool, its clock, the table it polls. */
    private Scheduler node(String name, String task, Map<String, List<String>> runs) {
        OneTimeTask<Void> once = Tasks.oneTime(task).execute((instance, context) -> {
            runs.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>()).add(name);
            pause(); // long enough for the other node to try the same execution if it could
        });
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), once)
                .tableName(JobsConfiguration.TABLE)
                .schedulerName(new SchedulerName.Fixed(name))
                .clock(clock)
                .pollingInterval(Duration.ofMillis(100))
                .threads(3)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    private int stored(String task) {
        return db.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = :task").param("task", task)
                .query(Integer.class).single();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
