package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * A FIFO queue of past embeddings and their labels (MoCo: He et al., "Momentum Contrast for
 * Unsupervised Visual Representation Learning", CVPR 2020), so the negatives of a contrastive loss
 * are not limited to the batch. Storage is a ring of {@code capacity} rows on the given manager's
 * device; {@link #enqueue} overwrites the oldest rows in place (no per-step allocation survives the
 * step). Rows are stored detached: no gradient ever flows into the bank.
 *
 * <p>{@link #embeddings} and {@link #labels} return copies of the filled rows, oldest first, attached
 * to the caller's scope: a loss may use them while the bank is updated afterwards. Labels are int32;
 * self-supervised methods enqueue −1 ("never a positive").
 */
public final class MemoryBank implements AutoCloseable {
    private final NDManager manager;
    private final NDArray store;
    private final NDArray storeLabels;
    private final int capacity;
    private int next;
    private int size;

    /**
     * @param parent the manager whose device holds the bank
     * @param capacity rows kept, ≥ 1
     * @param dim the embedding dimension, ≥ 1
     */
    public MemoryBank(NDManager parent, int capacity, int dim) {
        this.capacity = (int) Checks.atLeast("memory_bank.size", capacity, 1);
        Checks.atLeast("memory bank dim", dim, 1);
        this.manager = parent.newSubManager();
        this.store = manager.zeros(new Shape(capacity, dim));
        this.storeLabels = manager.zeros(new Shape(capacity), DataType.INT32);
    }

    /** @return the capacity */
    public int capacity() {
        return capacity;
    }

    /** @return rows filled so far (≤ capacity) */
    public int size() {
        return size;
    }

    /**
     * Appends rows, overwriting the oldest once full. A batch larger than the capacity keeps its last
     * {@code capacity} rows.
     *
     * @param embeddings {@code (B, D)}
     * @param labels {@code (B,)}
     */
    public void enqueue(NDArray embeddings, NDArray labels) {
        long b = embeddings.getShape().get(0);
        if (embeddings.getShape().dimension() != 2 || embeddings.getShape().get(1) != store.getShape().get(1)) {
            throw new SelfsupException("memory bank", "shape of embeddings " + embeddings.getShape()
                    + " must be (B, " + store.getShape().get(1) + ") to match the bank " + store.getShape());
        }
        if (labels.getShape().dimension() != 1 || labels.getShape().get(0) != b) {
            throw new SelfsupException("memory bank", "shape of labels " + labels.getShape() + " must be (" + b
                    + ") to match embeddings " + embeddings.getShape());
        }
        long skip = Math.max(0, b - capacity);
        NDArray e = embeddings.stopGradient().get(skip + ":");
        NDArray l = labels.toType(DataType.INT32, false).get(skip + ":");
        int rows = (int) (b - skip);
        int first = Math.min(rows, capacity - next);
        store.set(new NDIndex(next + ":" + (next + first)), e.get("0:" + first));
        storeLabels.set(new NDIndex(next + ":" + (next + first)), l.get("0:" + first));
        if (first < rows) {
            store.set(new NDIndex("0:" + (rows - first)), e.get(first + ":"));
            storeLabels.set(new NDIndex("0:" + (rows - first)), l.get(first + ":"));
        }
        next = (next + rows) % capacity;
        size = Math.min(capacity, size + rows);
    }

    /**
     * @param scope where the copy lives
     * @return the filled rows, oldest first, {@code (size, D)}
     */
    public NDArray embeddings(NDManager scope) {
        return ordered(store, scope);
    }

    /**
     * @param scope where the copy lives
     * @return their labels, oldest first, {@code (size,)}
     */
    public NDArray labels(NDManager scope) {
        return ordered(storeLabels, scope);
    }

    private NDArray ordered(NDArray a, NDManager scope) {
        if (size < capacity || next == 0) {
            return a.get(scope, new NDIndex("0:" + size)).duplicate();
        }
        return a.get(scope, new NDIndex(next + ":")).concat(a.get(scope, new NDIndex("0:" + next)), 0);
    }

    /**
     * Writes the bank (entries, labels, write position, fill) for a resumable checkpoint.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(next);
        out.writeInt(size);
        ArrayIO.write(out, List.of(store, storeLabels));
    }

    /**
     * Restores, in place, what {@link #save} wrote, for a bank of the same capacity and width.
     *
     * @param in the stream
     * @param where names the source in errors
     * @throws IOException if reading fails
     */
    public void load(DataInputStream in, String where) throws IOException {
        int n = in.readInt();
        int s = in.readInt();
        if (n < 0 || n >= capacity || s < 0 || s > capacity) {
            throw SelfsupException.of(where, "memory bank position", "within the capacity " + capacity,
                    n + " (filled " + s + ")", null);
        }
        ArrayIO.readInto(in, List.of(store, storeLabels), where, "memory bank");
        next = n;
        size = s;
    }

    @Override
    public void close() {
        manager.close();
    }
}
