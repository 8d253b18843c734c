package dev.brisk.internal.dispatch;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BackgroundTasks;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    @Test
    void tasksRunAfterTheResponseInOrderEachInItsLane() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch responded = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        Brisk app = Brisk.create(new BriskConfig().loops(1).worker(WorkerMode.pool(2)));
        app.post("/send-notification/{email}", worker(req -> {
            String email = req.pathParam("email");
            BackgroundTasks.of(req)
                    .add(() -> {
                        try {
                            // holds until the client has the answer: a task run before the response would hang it
                            boolean sent = responded.await(10, TimeUnit.SECONDS);
                            events.add("write_log sent=" + sent + " on " + Thread.currentThread().getName());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        done.countDown();
                    })
                    .addAsync(() -> req.sleep(Duration.ofMillis(5)).thenRun(() -> {
                        events.add("async on " + Thread.currentThread().getName());
                        done.countDown();
                    }))
                    .add(() -> {
                        events.add("notify " + email + " on " + Thread.currentThread().getName());
                        done.countDown();
                    });
            return Map.of("message", "Notification sent in the background");
        }));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.post("/send-notification/a@b.c").assertStatus(200).assertJson("message", "Notification sent in the background");
            events.add("response received");
            responded.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo("response received");
        assertThat(events.get(1)).startsWith("write_log sent=true on brisk-worker-");
        assertThat(events.get(2)).startsWith("async on brisk-loop-");
        assertThat(events.get(3)).startsWith("notify a@b.c on brisk-worker-");
    }

    @Test
    void blockingTaskFromALoopRouteRunsOnAWorkerAndFailuresDoNotStopTheRest() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/async", loop(req -> {
            BackgroundTasks.of(req)
                    .add(() -> { throw new IllegalStateException("task failed"); })
                    .add(() -> {
                        threads.add(Thread.currentThread().getName());
                        done.countDown();
                    });
            return CompletableFuture.completedFuture("ok");
        }));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/async").assertStatus(200).assertJson("", "ok");
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(threads).singleElement().satisfies(t -> assertThat(t).doesNotStartWith("brisk-loop-"));
    }
}
