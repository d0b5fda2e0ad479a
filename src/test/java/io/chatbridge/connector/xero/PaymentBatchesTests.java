package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentBatchesTests {

    @Test
    void loosePaymentsAreGroupedUpToTheCallSizeInClaimOrder() {
        List<QueuedPayment> claimed = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            claimed.add(payment(i, null, 0, false, 0));
        }

        PaymentBatches.Plan plan = PaymentBatches.plan(claimed, 50);

        assertThat(plan.batches()).extracting(b -> b.payments().size()).containsExactly(50, 50, 20);
        assertThat(plan.batches().get(0).payments().get(0).id()).isEqualTo(1);
        assertThat(plan.batches()).allMatch(PaymentBatches.Batch::fresh);
        assertThat(plan.incomplete()).isEmpty();
    }

    @Test
    void aPaymentAloneTravelsUnderItsMatchKeyAndAGroupUnderAHashOfItsMembers() {
        QueuedPayment alone = payment(1, null, 0, false, 0);
        List<QueuedPayment> group = List.of(payment(2, null, 0, false, 0), payment(3, null, 0, false, 0));

        assertThat(PaymentBatches.key(List.of(alone))).isEqualTo("chatbridge-match-1-inv-1");
        assertThat(PaymentBatches.key(group))
                .startsWith("chatbridge-batch-")
                .hasSizeLessThanOrEqualTo(128)
                .isEqualTo(PaymentBatches.key(List.of(group.get(1), group.get(0))));
    }

    @Test
    void aRetriedGroupIsResentWithItsKeyOnlyWhenAllItsMembersAreClaimed() {
        List<QueuedPayment> claimed = List.of(
                payment(1, "chatbridge-batch-a", 2, false, 0),
                payment(2, "chatbridge-batch-a", 2, false, 0),
                payment(3, "chatbridge-batch-b", 3, false, 0));

        PaymentBatches.Plan plan = PaymentBatches.plan(claimed, 50);

        assertThat(plan.batches()).singleElement().satisfies(batch -> {
            assertThat(batch.key()).isEqualTo("chatbridge-batch-a");
            assertThat(batch.fresh()).isFalse();
        });
        assertThat(plan.incomplete()).extracting(QueuedPayment::id).containsExactly(3L);
    }

    @Test
    void aReplayedRefusalGetsAFreshKeyAndTravelsAlone() {
        QueuedPayment replayed = payment(7, null, 0, true, 1);

        PaymentBatches.Plan plan = PaymentBatches.plan(List.of(replayed, payment(8, null, 0, false, 0)), 50);

        assertThat(plan.batches()).hasSize(2);
        assertThat(plan.batches().get(0).key()).isEqualTo("chatbridge-match-7-inv-7-replay-1");
        assertThat(plan.batches().get(1).key()).isEqualTo("chatbridge-match-8-inv-8");
    }

    private static QueuedPayment payment(long id, String batchKey, int batchSize, boolean solo, int replays) {
        return new QueuedPayment(
                id,
                "chatbridge-match-" + id + "-inv-" + id,
                "inv-" + id,
                "INV-" + id,
                new BigDecimal("10.00"),
                LocalDate.of(2026, 11, 20),
                null,
                null,
                batchKey,
                batchSize,
                solo,
                0,
                replays);
    }
}
