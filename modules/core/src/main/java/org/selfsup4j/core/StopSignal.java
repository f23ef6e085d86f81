package org.selfsup4j.core;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * A graceful stop on SIGTERM, SIGINT or SIGHUP, the signals that a scheduler, {@code timeout}, Docker or a
 * user's Ctrl-C send. The JVM's own reaction (run the shutdown hooks and exit while the main thread is
 * still inside the engine) frees libtorch under a running backward pass and crashes the process; instead
 * {@link #install()} replaces it by a handler that only records the request. The work then stops at its
 * next safe point: a job calls {@link #check()} between steps or batches, on its own thread, so no engine
 * memory is touched from a foreign thread, and the caller writes what it must (a training state, the
 * run's {@code interrupted} mark) before the process exits with {@code 128 + signal number}.
 *
 * <p>A second signal of any of the three ends the process at once ({@link Runtime#halt}, no shutdown
 * hooks) with that signal's status: every file is written atomically, so the run is then resumable as
 * after a SIGKILL.
 *
 * <p>Work that must finish once started (an online probe whose event the resumed run would not repeat)
 * runs inside {@link #deferred}, where {@link #check()} does not throw; the request waits for the next
 * check outside it.
 */
public final class StopSignal {
    /** The signals handled, by name as {@link Signal} spells them. */
    private static final String[] NAMES = {"TERM", "INT", "HUP"};
    private static final AtomicReference<String> REQUESTED = new AtomicReference<>();
    private static final ThreadLocal<int[]> DEFERRED = ThreadLocal.withInitial(() -> new int[1]);
    private static boolean installed;

    private StopSignal() {}

    /**
     * Installs the handlers, once per process. Call it from a program's {@code main}, never from a
     * library: tests that run commands in their own JVM must keep the JVM's default reaction.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), StopSignal::handle);
            } catch (IllegalArgumentException e) {
                // the VM keeps this signal (e.g. under -Xrs): its default action stays
            }
        }
        installed = true;
    }

    private static void handle(Signal signal) {
        if (!REQUESTED.compareAndSet(null, "SIG" + signal.getName())) {
            // the second signal: end now, without shutdown hooks, with the status its default action gives
            Runtime.getRuntime().halt(exitStatus("SIG" + signal.getName()));
        }
    }

    /**
     * Records a stop request as a signal would (the first one wins); tests use it to stop a job at a
     * chosen moment without a signal.
     *
     * @param signal the signal's name, e.g. {@code SIGTERM}
     */
    public static void request(String signal) {
        REQUESTED.compareAndSet(null, signal);
    }

    /** Forgets a request (for tests that run several jobs in one JVM). */
    public static void clear() {
        REQUESTED.set(null);
    }

    /** @return whether a stop was requested and this thread is not inside {@link #deferred} */
    public static boolean pending() {
        return REQUESTED.get() != null && DEFERRED.get()[0] == 0;
    }

    /**
     * Throws {@link Interrupted} when a stop was requested (outside {@link #deferred}); the job that
     * catches it says what stopped and how to continue ({@link Interrupted#where}).
     */
    public static void check() {
        if (pending()) {
            throw new Interrupted(REQUESTED.get(), null, null);
        }
    }

    /**
     * Runs work in which {@link #check()} does not throw, on this thread; a request made meanwhile
     * waits for the next check after it.
     *
     * @param work the work
     */
    public static void deferred(Runnable work) {
        int[] depth = DEFERRED.get();
        depth[0]++;
        try {
            work.run();
        } finally {
            depth[0]--;
        }
    }

    /**
     * @param signal a signal name ({@code SIGTERM}, {@code SIGINT}, {@code SIGHUP})
     * @return the shell's exit status for it, {@code 128 + number}: 143, 130, 129 (130 for an unknown name)
     */
    public static int exitStatus(String signal) {
        return switch (signal) {
            case "SIGTERM" -> 143;
            case "SIGHUP" -> 129;
            default -> 130;
        };
    }
}
