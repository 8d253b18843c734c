package dev.brisk.dispatch;

import dev.brisk.Loop;
import dev.brisk.watchdog.LoopProbe;

/** A {@link Loop} plus the watchdog probe the dispatcher marks around route code. Internal API. */
public interface LoopContext extends Loop {
    LoopProbe probe();
}
