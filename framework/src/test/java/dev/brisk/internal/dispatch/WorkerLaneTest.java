package dev.brisk.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.WorkerMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A bounded pool admits exactly threads + queue requests, also when its threads are idle and parked. */
class WorkerLaneTest {

    @RepeatedTest(20)
    void boundedPoolAdmitsThreadsPlusQueueWhenItsThreadIsAlreadyIdle() throws Exception {
        try (WorkerLane lane = new WorkerLane(WorkerMode.pool(1, 1))) {
            // an idle, parked pool thread: the state in which ThreadPoolExecutor's own bounded queue
            // refused the second request while the thread had not yet taken the first
            CountDownLatch warm = new CountDownLatch(1);
            assertThat(lane.submit(warm::countDown)).isTrue();
            assertThat(warm.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5);

            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            Runnable held = () -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            };
            assertThat(lane.submit(held)).as("first: runs").isTrue();
            assertThat(lane.submit(held)).as("second: waits").isTrue();
            assertThat(lane.submit(held)).as("third: beyond 1 thread + 1 queued").isFalse();
            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            // both finished: the two places are free again
            CountDownLatch again = new CountDownLatch(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!lane.submit(again::countDown) && System.nanoTime() < deadline) Thread.sleep(1);
            while (!lane.submit(again::countDown) && System.nanoTime() < deadline) Thread.sleep(1);
            assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void offloadedWorkOfAnAdmittedRequestWaitsButIsNeverRefused() throws Exception {
        try (WorkerLane lane = new WorkerLane(WorkerMode.pool(1, 0))) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch offloaded = new CountDownLatch(1);
            assertThat(lane.submit(() -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).isTrue();
            assertThat(lane.submit(() -> { })).as("a second request: no thread, no queue").isFalse();
            lane.executor().execute(offloaded::countDown); // as Request.offload does; the old bounded queue threw here
            assertThat(offloaded.getCount()).as("waits for the thread").isEqualTo(1);
            release.countDown();
            assertThat(offloaded.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
