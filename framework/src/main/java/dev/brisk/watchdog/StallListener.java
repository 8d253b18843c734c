package dev.brisk.watchdog;

/**
 * Receives stalls from the watchdog, on the watchdog's own thread. Keep it quick.
 *
 * <pre>{@code
 * new BriskConfig().onStall(stall -> metrics.counter("loop_stalls", "route", stall.route()).increment());
 * }</pre>
 */
@FunctionalInterface
public interface StallListener {
    void onStall(Stall stall);
}
