package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NMI and ARI against hand-computed values; k-means recovers well-separated classes exactly. */
class ClusteringTest {
    @Test
    void aRefinedPartitionHasItsHandValues() {
        int[] classes = {0, 0, 1, 1};
        int[] clusters = {0, 0, 1, 2};
        // contingency [[2,0,0],[0,1,1]]: index 1, row pairs 2, column pairs 1, expected 2·1/6, max 1.5
        assertEquals((1 - 1.0 / 3) / (1.5 - 1.0 / 3), Clustering.ari(classes, clusters), 1e-12);
        // I = H(U) = ln 2 (V refines U), H(V) = 1.5 ln 2: NMI = ln2 / (1.25 ln 2) = 0.8
        assertEquals(0.8, Clustering.nmi(classes, clusters), 1e-12);
    }

    @Test
    void relabellingIsPerfectAndIndependenceIsNot() {
        assertEquals(1.0, Clustering.ari(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}), 1e-12);
        assertEquals(1.0, Clustering.nmi(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}), 1e-12);
        // crossed halves: mutual information 0; ARI (0 − 2/3) / (2 − 2/3) = −0.5
        assertEquals(0.0, Clustering.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
        assertEquals(-0.5, Clustering.ari(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
    }

    @Test
    void kMeansOnSeparatedClassesRecoversThem() {
        Features blobs = LinearProbeTest.blobs(600, 8, 5, 0.05, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Clustering.Result r = Clustering.evaluate(blobs, new SplittableRandom(1), m);
            assertEquals(1.0, r.nmi(), 1e-12);
            assertEquals(1.0, r.ari(), 1e-12);
            assertNull(Clustering.evaluate(new Features(new float[] {1, 2}, 2, 1, new int[] {0, 0}, 1),
                    new SplittableRandom(1), m));
        }
    }
}
