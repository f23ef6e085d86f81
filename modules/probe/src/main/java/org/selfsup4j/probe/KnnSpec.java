package org.selfsup4j.probe;

import java.util.List;
import org.selfsup4j.core.Checks;

/**
 * kNN settings: the weighted vote of Wu et al. (CVPR 2018), or a plain majority vote.
 *
 * @param k neighbours, default 200
 * @param temperature T of the vote weight {@code exp(s/T)}, default 0.1 (unused by the majority vote)
 * @param vote {@code weighted} (default): each neighbour votes {@code exp(s/T)}; {@code majority}: each
 *     votes 1, ties broken by the larger sum of similarities
 */
public record KnnSpec(int k, double temperature, String vote) {
    /** The votes there are. */
    public static final List<String> VOTES = List.of("weighted", "majority");

    /** Validates k, T and the vote. */
    public KnnSpec {
        Checks.atLeast("k", k, 1);
        Checks.positive("temperature", temperature);
        Checks.oneOf("vote", vote, VOTES);
    }

    /**
     * @param k neighbours
     * @param temperature T
     * @return the weighted vote
     */
    public static KnnSpec weighted(int k, double temperature) {
        return new KnnSpec(k, temperature, "weighted");
    }

    /** @return k = 200, T = 0.1, weighted */
    public static KnnSpec defaults() {
        return weighted(200, 0.1);
    }
}
