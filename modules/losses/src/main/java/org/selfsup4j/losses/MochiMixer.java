package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.SpecType;

/**
 * MoCHi hard-negative mixing (Kalantidis, Sariyildiz, Pion, Weinzaepfel, Larlus, "Hard Negative
 * Mixing for Contrastive Learning", NeurIPS 2020). For each query {@code q} (unit vector), take its
 * {@code N} hardest negatives from the memory bank (largest {@code q·n}) and synthesise
 * <pre>
 *   s  mixes of two hard negatives:   h  = norm(α n_i + (1 − α) n_j),   α ~ U(0, 1)
 *   s' mixes with the query:          h' = norm(β q + (1 − β) n_j),     β ~ U(0, 0.5)
 * </pre>
 * with {@code i, j} drawn uniformly from the N hardest. The result is {@code (A, s + s', D)} extra
 * negatives for {@link InfoNceLoss} ({@link ContrastiveInputs#extraNegatives}); they carry no
 * gradient (the query is detached, as the bank is). Randomness comes from the caller's stream, so the
 * loss itself stays side-effect free. Defaults N = 128, s = 128, s' = 32 (the paper's 1024/1024/256
 * scaled to a 4k queue).
 *
 * @param hardest N ≥ 1, hardest negatives per query (capped by the bank size)
 * @param mixes s ≥ 0
 * @param queryMixes s' ≥ 0
 */
@SpecType(value = "mochi", doc = "MoCHi: synthesise hard negatives by mixing the hardest bank entries")
public record MochiMixer(int hardest, int mixes, int queryMixes) {
    /** Validates the counts. */
    public MochiMixer {
        Checks.atLeast("hardest", hardest, 1);
        Checks.atLeast("mixes", mixes, 0);
        Checks.atLeast("query_mixes", queryMixes, 0);
        Checks.atLeast("mixes + query_mixes", (long) mixes + queryMixes, 1);
    }

    /** @return N = 128, s = 128, s' = 32 */
    public static MochiMixer defaults() {
        return new MochiMixer(128, 128, 32);
    }

    /**
     * @param queries {@code (A, D)} unit vectors
     * @param bank {@code (K, D)} unit vectors, K ≥ 1
     * @param rng the caller's stream for this step
     * @return {@code (A, s + s', D)} synthetic negatives
     */
    public NDArray mix(NDArray queries, NDArray bank, SplittableRandom rng) {
        NDManager m = queries.getManager();
        NDArray q = queries.stopGradient();
        long a = q.getShape().get(0);
        int n = (int) Math.min(hardest, bank.getShape().get(0));
        NDArray top = q.matMul(bank.transpose()).topK(n, 1, true, true).get(1); // (A, N) bank rows, most similar first
        NDList parts = new NDList();
        if (mixes > 0) {
            NDArray ni = pick(m, bank, top, a, n, mixes, rng);
            NDArray nj = pick(m, bank, top, a, n, mixes, rng);
            NDArray alpha = DeviceRandom.uniform(m, new Shape(a, mixes, 1), rng);
            parts.add(Distances.normalize(ni.mul(alpha).add(nj.mul(alpha.sub(1f).neg())), 2));
        }
        if (queryMixes > 0) {
            NDArray nj = pick(m, bank, top, a, n, queryMixes, rng);
            NDArray beta = DeviceRandom.uniform(m, new Shape(a, queryMixes, 1), rng).mul(0.5f);
            parts.add(Distances.normalize(q.expandDims(1).mul(beta).add(nj.mul(beta.sub(1f).neg())), 2));
        }
        return NDArrays.concat(parts, 1);
    }

    private static NDArray pick(NDManager m, NDArray bank, NDArray top, long a, int n, int count, SplittableRandom rng) {
        NDArray col = DeviceRandom.uniform(m, new Shape(a, count), rng).mul((float) n).floor()
                .minimum((float) (n - 1)).toType(DataType.INT64, false);
        NDArray rows = top.gather(col, 1); // (A, count) bank row indices
        return bank.get(rows.reshape(-1)).reshape(a, count, bank.getShape().get(1));
    }

}
