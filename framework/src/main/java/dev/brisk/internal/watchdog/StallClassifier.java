package dev.brisk.internal.watchdog;

import dev.brisk.watchdog.Stall;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says what kind of stall the watchdog saw and whether a route is to blame. The evidence, gathered
 * while the stall lasts: the loop thread's state sampled every tick (waiting vs runnable), its CPU
 * time (did it grow with the wall time?), the JVM's accumulated GC pause time (did a pause cover the
 * stall?), and the stack captured during the stall (was the route's own code on it?).
 *
 * <p>Why a route needs its own code on the stack: the loop is marked with a route for the whole
 * handler call, which includes Brisk and Netty encoding the answer (and, with paranoid leak detection,
 * Netty recording every buffer access). A stall inside that work is not the route's fault.
 */
final class StallClassifier {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isThreadCpuTimeSupported() && enableCpuTime();
    // Collectors whose time is stop-the-world pause time (ZGC/Shenandoah "Cycles" beans count concurrent work).
    private static final List<GarbageCollectorMXBean> PAUSING = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(b -> !b.getName().contains("Cycles")).toList();
    private static final CodeSource FRAMEWORK = StallClassifier.class.getProtectionDomain().getCodeSource();
    private static final Map<String, Boolean> OWN_CLASSES = new ConcurrentHashMap<>();

    private StallClassifier() {}

    private static boolean enableCpuTime() {
        try {
            if (!THREADS.isThreadCpuTimeEnabled()) THREADS.setThreadCpuTimeEnabled(true);
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The thread's CPU time in ns, or -1 when the JVM cannot tell. */
    static long cpuNanos(Thread t) {
        return CPU_TIME ? THREADS.getThreadCpuTime(t.threadId()) : -1;
    }

    /** Milliseconds the JVM has spent in GC pauses since it started. */
    static long gcPauseMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : PAUSING) sum += Math.max(0, b.getCollectionTime());
        return sum;
    }

    /**
     * The CPU share of the wall time above which a runnable thread counts as computing: half of what one
     * thread can expect on this machine now. On an idle machine a computing thread gets ~100 % and a
     * starved one ~0; on a machine with 12 runnable threads per core a computing thread gets ~8 %, so
     * the bar drops with the load (never below 2 %: a starved thread gets next to nothing while the stall lasts).
     */
    static double busyShare() {
        double load = OS.getSystemLoadAverage();
        int cores = OS.getAvailableProcessors();
        double fair = load <= cores || load < 0 ? 1.0 : cores / load;
        return Math.max(0.02, fair / 2);
    }

    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    /** Whether the thread state means waiting (sleep, park, monitor, wait). */
    static boolean waiting(Thread.State s) {
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    }

    /**
     * Classifies a loop stall.
     *
     * @param wallNanos the window the CPU and GC figures cover (heartbeat posted to heartbeat run)
     * @param cpuNanos CPU time the loop thread used in that window, or -1 if unknown
     * @param gcMillis GC pause time in that window
     * @param waitingSamples ticks during the stall at which the thread was waiting
     * @param runnableSamples ticks at which it was runnable
     */
    static Stall.Cause classify(long wallNanos, long cpuNanos, long gcMillis, int waitingSamples, int runnableSamples,
                                StackTraceElement[] stack) {
        long wallMillis = Math.max(1, wallNanos / 1_000_000);
        if (gcMillis * 10 >= wallMillis * 3) return Stall.Cause.PAUSED; // a pause covered at least 30 % of it
        if (waitingSamples > runnableSamples) return Stall.Cause.BLOCKED;
        if (cpuNanos >= 0 && cpuNanos >= wallNanos * busyShare()) return Stall.Cause.BUSY;
        if (cpuNanos < 0) return waitingSamples > 0 ? Stall.Cause.BLOCKED : Stall.Cause.BUSY;
        // Runnable but little CPU: either native I/O in code (a blocking socket read shows as RUNNABLE) or
        // the OS did not run the thread.
        if (stack.length > 0 && stack[0].isNativeMethod() && !pollingForEvents(stack[0]) && userFrame(stack) >= 0) {
            return Stall.Cause.BLOCKED;
        }
        return Stall.Cause.STARVED;
    }

    /**
     * The event loop's own wait for I/O events: not code blocking. Told by class as well as method: the
     * JDK's blocking socket read waits in {@code sun.nio.ch.Net.poll}, which is a route blocking on I/O
     * (JDBC on the loop), not the loop polling (found by the lab's E6 on an idle machine: it was called
     * "not scheduled").
     */
    static boolean pollingForEvents(StackTraceElement top) {
        if (!top.isNativeMethod()) return false;
        String c = top.getClassName();
        String m = top.getMethodName();
        if (c.startsWith("io.netty.channel.")) {
            return m.startsWith("ioUringEnter") || m.startsWith("epollWait") || m.startsWith("epollBusyWait")
                    || m.startsWith("keventWait");
        }
        return c.equals("sun.nio.ch.EPoll") || c.equals("sun.nio.ch.KQueue") || c.endsWith("SelectorImpl");
    }

    /** Index of the topmost frame of application code (not the JDK, Netty or Brisk itself), or -1. */
    static int userFrame(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (!ownOrPlatform(stack[i].getClassName())) return i;
        }
        return -1;
    }

    /**
     * Whether the route's code was on the stack doing its own work: an application frame, and above it
     * no class loading (the JVM's one-time first-use work, which a route cannot avoid or fix).
     */
    static boolean routeCodeToBlame(StackTraceElement[] stack) {
        int user = userFrame(stack);
        if (user < 0) return false;
        for (int i = 0; i < user; i++) {
            StackTraceElement e = stack[i];
            if (e.getClassName().equals("java.lang.ClassLoader")
                    && (e.getMethodName().equals("loadClass") || e.getMethodName().startsWith("defineClass"))) {
                return false;
            }
        }
        return true;
    }

    /** The call the thread was in: the method the application called (the frame above its own), else the top. */
    static String call(StackTraceElement[] stack) {
        if (stack.length == 0) return null;
        int user = userFrame(stack);
        StackTraceElement e = user > 0 ? stack[user - 1] : stack[0];
        return e.getClassName() + "." + e.getMethodName();
    }

    private static boolean ownOrPlatform(String cls) {
        if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.")
                || cls.startsWith("io.netty.")) {
            return true;
        }
        return FRAMEWORK_PACKAGES.contains(packageOf(cls)) && OWN_CLASSES.computeIfAbsent(cls, StallClassifier::loadedFromFramework);
    }

    /**
     * The framework's packages, exactly (StallClassifierPackagesTest keeps the list equal to the compiled
     * framework). A package test and not a prefix: in a fat jar (./brisk's brisk.jar) an application under
     * dev.brisk.* (the seed app, the lab) shares the framework's code source, and its blocking handler
     * must still be blamed on its route.
     */
    static final Set<String> FRAMEWORK_PACKAGES = Set.of("dev.brisk", "dev.brisk.annotation", "dev.brisk.client",
            "dev.brisk.deps", "dev.brisk.health", "dev.brisk.internal.app", "dev.brisk.internal.dispatch",
            "dev.brisk.internal.routing", "dev.brisk.internal.server", "dev.brisk.internal.settings",
            "dev.brisk.internal.watchdog", "dev.brisk.json", "dev.brisk.middleware",
            "dev.brisk.observe", "dev.brisk.openapi", "dev.brisk.params", "dev.brisk.routing", "dev.brisk.security",
            "dev.brisk.testing", "dev.brisk.validation", "dev.brisk.watchdog");

    private static String packageOf(String cls) {
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? "" : cls.substring(0, dot);
    }

    // Brisk's own classes come from the framework's jar (or classes folder); an application may use the
    // dev.brisk package name too (the examples, tests), so the package alone does not decide.
    private static boolean loadedFromFramework(String cls) {
        try {
            Class<?> c = Class.forName(cls, false, StallClassifier.class.getClassLoader());
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            return FRAMEWORK != null && cs != null && FRAMEWORK.getLocation().equals(cs.getLocation());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
