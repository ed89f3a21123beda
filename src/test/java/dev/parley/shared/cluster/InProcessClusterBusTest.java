package dev.parley.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The bus of a single node delivers at once, to the topic's subscribers only, and after commit when asked. */
class InProcessClusterBusTest {

    final ClusterBus bus = new InProcessClusterBus();
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Test
    void aMessageReachesEverySubscriberOfItsTopicAndNoOther() {
        bus.subscribe("tenancy.tenant-changed", p -> heard.add("first " + p), () -> { });
        bus.subscribe("tenancy.tenant-changed", p -> heard.add("second " + p), () -> { });
        bus.subscribe("identity.sessions-changed", p -> heard.add("sessions " + p), () -> { });

        bus.publish("tenancy.tenant-changed", "t-1");

        assertThat(heard).containsExactly("first t-1", "second t-1");
    }

    @Test
    void aFailingSubscriberDoesNotKeepTheMessageFromTheOthersNorFailThePublisher() {
        bus.subscribe("topic", p -> {
            throw new IllegalStateException("broken cache");
        }, () -> { });
        bus.subscribe("topic", heard::add, () -> { });

        bus.publish("topic", "still delivered");

        assertThat(heard).containsExactly("still delivered");
    }

    @Test
    void aMessagePublishedAfterCommitArrivesOnlyWhenTheTransactionCommits() {
        bus.subscribe("topic", heard::add, () -> { });
        TransactionTemplate tx = new TransactionTemplate(new NoResourceTransactions());

        tx.executeWithoutResult(status -> {
            bus.publishAfterCommit("topic", "committed");
            assertThat(heard).as("before the commit").isEmpty();
        });
        tx.executeWithoutResult(status -> {
            bus.publishAfterCommit("topic", "rolled back");
            status.setRollbackOnly();
        });

        assertThat(heard).containsExactly("committed");
    }

    @Test
    void outsideATransactionPublishAfterCommitDeliversAtOnce() {
        bus.subscribe("topic", heard::add, () -> { });

        bus.publishAfterCommit("topic", "now");

        assertThat(heard).containsExactly("now");
    }

    @Test
    void aTopicIsAPlainName() {
        assertThatThrownBy(() -> bus.subscribe("with space", heard::add, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Transactions with nothing behind them, for their commit and rollback callbacks. */
    static final class NoResourceTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
