package org.selfsup4j.core;

/**
 * A job stopped by a signal at a safe point ({@link StopSignal#check}). It is not an error: its message
 * is the one line the command line prints, {@code interrupted <what> by <SIGNAL>; <next>}, and the
 * process exits with {@link #exitStatus()} ({@code 128 + signal number}: 143 for SIGTERM, 130 for SIGINT,
 * 129 for SIGHUP). Whoever catches it on the way out writes its own last words first (a training state,
 * the run's {@code interrupted} mark) and rethrows it, or a copy with a more precise {@link #where}.
 */
public final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String signal;
    private final String what;
    private final String next;

    /**
     * @param signal the signal's name, e.g. {@code SIGTERM}
     * @param what what was interrupted, e.g. {@code "at step 12"} or {@code "during the probe of RUN"}, or {@code null}
     * @param next how to continue (a command), or {@code null}
     */
    public Interrupted(String signal, String what, String next) {
        super("interrupted " + (what == null ? "" : what + " ") + "by " + signal + (next == null ? "" : "; " + next), null,
                false, false);
        this.signal = signal;
        this.what = what;
        this.next = next;
    }

    /** @return the signal's name */
    public String signal() {
        return signal;
    }

    /** @return what was interrupted, or {@code null} when not yet said */
    public String what() {
        return what;
    }

    /** @return how to continue, or {@code null} */
    public String next() {
        return next;
    }

    /**
     * @param newWhat what was interrupted, said more precisely
     * @param newNext how to continue
     * @return the same interruption with the new words
     */
    public Interrupted where(String newWhat, String newNext) {
        return new Interrupted(signal, newWhat, newNext);
    }

    /** @return the process's exit status for the signal */
    public int exitStatus() {
        return StopSignal.exitStatus(signal);
    }
}
