package dev.brisk.internal.dispatch;

import dev.brisk.Response;
import dev.brisk.internal.watchdog.Watchdog;
import java.time.Duration;

/** What every compiled route shares: the codec and error handlers, the worker lane, admission, the watchdog. */
record Lanes(Outcomes outcomes, WorkerLane workers, Admission admission, Watchdog watchdog, Duration defaultTimeout,
             boolean interruptOnDisconnect, Response retryLater, Response timedOut) {

    void refuse(String why) {
        admission.refuse(why);
    }
}
