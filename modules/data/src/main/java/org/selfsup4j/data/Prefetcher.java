package org.selfsup4j.data;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;
import org.selfsup4j.core.SelfsupException;

/**
 * Prepares items {@code 0..count-1} on a background thread, up to {@code depth} ahead of the consumer,
 * and hands them out in order. Used to decode and convert the next batches while the training step
 * runs. An exception in the producer is re-thrown to the consumer; {@link #close()} stops the thread.
 *
 * @param <T> the item type
 */
public final class Prefetcher<T> implements AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final int count;
    private int taken;
    private volatile boolean closed;
    private long waitNanos;

    /**
     * Starts the producer.
     *
     * @param count how many items
     * @param depth how many items may wait ready (≥ 1)
     * @param producer makes item i
     */
    public Prefetcher(int count, int depth, IntFunction<T> producer) {
        this.count = count;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
        this.thread = new Thread(() -> {
            try {
                for (int i = 0; i < count && !closed; i++) {
                    queue.put(new Item(producer.apply(i)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                try {
                    queue.put(new Failure(e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "selfsup-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether another item follows */
    public boolean hasNext() {
        return taken < count;
    }

    /**
     * Takes the next item, waiting if it is not ready.
     *
     * @return the item
     */
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long t0 = System.nanoTime();
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SelfsupException("prefetch", "interrupted while waiting for data");
        }
        waitNanos += System.nanoTime() - t0;
        if (o instanceof Failure f) {
            throw f.error;
        }
        taken++;
        return (T) ((Item) o).value;
    }

    /** @return total nanoseconds the consumer waited for data so far */
    public long waitNanos() {
        return waitNanos;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private record Item(Object value) {}

    private record Failure(RuntimeException error) {}
}
