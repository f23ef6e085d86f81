package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.selfsup4j.losses.LossTesting.gaussian;
import static org.selfsup4j.losses.LossTesting.labels;
import static org.selfsup4j.losses.LossTesting.nd;
import static org.selfsup4j.losses.LossTesting.unit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;

class TupleLossesTest extends ManagedTest {
    private static final int[][] SIZES = {{4, 2, 3}, {9, 3, 5}, {16, 4, 8}, {24, 6, 4}};

    private float eval(Loss loss, double[][] z, int[] y) {
        return loss.evaluate(new NDList(m.create(y)), new NDList(nd(m, z))).getFloat();
    }

    @Test
    void distancesMatchTheirDefinitions() {
        Random r = new Random(1);
        double[][] x = gaussian(5, 4, r);
        double[][] y = gaussian(3, 4, r);
        for (Distances d : Distances.values()) {
            float[] mat = d.matrix(nd(m, x), nd(m, y)).toFloatArray();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(Reference.value(d.typeName(), x[i], y[j]), mat[i * 3 + j], 1e-4, d + " " + i + "," + j);
                }
            }
            float[] pairs = d.paired(nd(m, new double[][] {x[0], x[1], x[2]}), nd(m, y)).toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertEquals(Reference.value(d.typeName(), x[k], y[k]), pairs[k], 1e-4, d + " paired");
            }
        }
        assertEquals("distance: must be one of [cosine, dot, euclidean, squared_euclidean], found 'manhattan'",
                assertThrows(SelfsupException.class, () -> Distances.parse("distance", "manhattan")).getMessage());
    }

    @Test
    void siameseMatchesBruteForce() {
        Random r = new Random(2);
        for (int[] s : SIZES) {
            double[][] z = gaussian(s[0], s[2], r);
            int[] y = labels(s[0], s[1], r);
            for (double[] margins : new double[][] {{0, 1}, {0.5, 4}}) {
                for (boolean nonZero : new boolean[] {false, true}) {
                    Loss loss = new ContrastiveLoss(Distances.EUCLIDEAN, margins[0], margins[1],
                            nonZero ? TupleReduction.MEAN_NON_ZERO : TupleReduction.MEAN, new AllPairsMiner());
                    double ref = Reference.siamese(z, y, margins[0], margins[1], nonZero);
                    assertEquals(ref, eval(loss, z, y), 1e-4 * Math.max(1, ref), "size " + s[0]);
                }
            }
            Loss cosine = new ContrastiveLoss(Distances.COSINE, 0.8, 0.2, TupleReduction.MEAN, new AllPairsMiner());
            double ref = Reference.siamese(z, y, "cosine", 0.8, 0.2, false);
            assertEquals(ref, eval(cosine, z, y), 1e-4 * Math.max(1, ref), "cosine, size " + s[0]);
        }
    }

    @Test
    void tripletMatchesBruteForceForEveryMinerAndReduction() {
        Random r = new Random(3);
        for (int[] s : SIZES) {
            for (String dist : List.of("euclidean", "squared_euclidean", "cosine")) {
                double[][] z = gaussian(s[0], s[2], r);
                int[] y = labels(s[0], s[1], r);
                Distances d = Distances.parse("d", dist);
                for (boolean nonZero : new boolean[] {false, true}) {
                    TupleReduction red = nonZero ? TupleReduction.MEAN_NON_ZERO : TupleReduction.MEAN;
                    check(new TripletMarginLoss(d, 0.2, red, false, new AllTripletsMiner()),
                            Reference.triplet(z, Reference.allTriplets(y), dist, 0.2, false, nonZero), z, y);
                    check(new TripletMarginLoss(d, 0.3, red, false, new BatchHardMiner()),
                            Reference.triplet(z, Reference.batchHard(z, y, dist), dist, 0.3, false, nonZero), z, y);
                    check(new TripletMarginLoss(d, 0.5, red, false, new SemiHardMiner(0.5)),
                            Reference.triplet(z, Reference.semiHard(z, y, dist, 0.5), dist, 0.5, false, nonZero), z, y);
                }
                check(new TripletMarginLoss(d, 0.2, TupleReduction.MEAN, true, new BatchHardMiner()),
                        Reference.triplet(z, Reference.batchHard(z, y, dist), dist, 0, true, false), z, y);
            }
        }
    }

    private void check(Loss loss, double ref, double[][] z, int[] y) {
        assertEquals(ref, eval(loss, z, y), 2e-4 * Math.max(1, Math.abs(ref)), loss.getName());
    }

    @Test
    void minersReturnExactlyTheReferenceTuples() {
        Random r = new Random(4);
        double[][] z = gaussian(12, 3, r);
        int[] y = labels(12, 3, r);
        NDArray zz = nd(m, z);
        NDArray yy = m.create(y);
        assertEquals(keys(Reference.allTriplets(y)), keys(new AllTripletsMiner().mine(zz, yy, Distances.EUCLIDEAN).triplets()));
        assertEquals(keys(Reference.batchHard(z, y, "euclidean")),
                keys(new BatchHardMiner().mine(zz, yy, Distances.EUCLIDEAN).triplets()));
        assertEquals(keys(Reference.semiHard(z, y, "cosine", 0.4)),
                keys(new SemiHardMiner(0.4).mine(zz, yy, Distances.COSINE).triplets()));
        PairIndices all = new AllPairsMiner().mine(zz, yy, Distances.EUCLIDEAN).pairs();
        int positives = 0;
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                positives += i != j && y[i] == y[j] ? 1 : 0;
            }
        }
        assertEquals(positives, all.posAnchors().size());
        assertEquals(12 * 11 - positives, all.negAnchors().size());
        // all pairs → triplets is batch-all; batch-all triplets → pairs is all pairs with a triplet
        assertEquals(keys(Reference.allTriplets(y)), keys(all.triplets()));
        assertEquals(all.size(), new AllTripletsMiner().mine(zz, yy, Distances.EUCLIDEAN).pairs().size());
    }

    @Test
    void hardNegativePairsKeepNegativesInsideTheFarthestPositive() {
        Random r = new Random(5);
        double[][] z = gaussian(10, 3, r);
        int[] y = labels(10, 3, r);
        PairIndices p = new HardNegativePairMiner(0.1).mine(nd(m, z), m.create(y), Distances.EUCLIDEAN).pairs();
        Set<String> expected = new HashSet<>();
        for (int a = 0; a < 10; a++) {
            double far = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 10; k++) {
                if (k != a && y[k] == y[a]) {
                    far = Math.max(far, Reference.delta("euclidean", z[a], z[k]));
                }
            }
            for (int n = 0; n < 10; n++) {
                if (y[n] != y[a] && Reference.delta("euclidean", z[a], z[n]) < far + 0.1) {
                    expected.add(a + "," + n);
                }
            }
        }
        Set<String> got = new HashSet<>();
        long[] a = p.negAnchors().toLongArray();
        long[] n = p.negatives().toLongArray();
        for (int k = 0; k < a.length; k++) {
            got.add(a[k] + "," + n[k]);
        }
        assertEquals(expected, got);
    }

    private static Set<String> keys(List<int[]> t) {
        Set<String> s = new HashSet<>();
        t.forEach(x -> s.add(Reference.key(x)));
        return s;
    }

    private static Set<String> keys(TripletIndices t) {
        long[] a = t.anchors().toLongArray();
        long[] p = t.positives().toLongArray();
        long[] n = t.negatives().toLongArray();
        Set<String> s = new HashSet<>();
        for (int k = 0; k < a.length; k++) {
            s.add(Reference.key(new int[] {(int) a[k], (int) p[k], (int) n[k]}));
        }
        return s;
    }

    @Test
    void npairsMatchesBruteForce() {
        Random r = new Random(6);
        for (int[] s : SIZES) {
            double[][] z = unit(s[0], s[2], r);
            int[] y = labels(s[0], s[1], r);
            check(new NPairsLoss(Distances.DOT), Reference.npairs(z, y), z, y);
        }
        // Sohn's setting: each class exactly twice, one tuple
        double[][] z = unit(8, 4, r);
        int[] y = {0, 1, 2, 3, 0, 1, 2, 3};
        check(new NPairsLoss(Distances.DOT), Reference.npairs(z, y), z, y);
    }

    @Test
    void noValidTupleGivesAConnectedZero() {
        int[] distinct = {0, 1, 2, 3};
        int[] oneClass = {5, 5, 5, 5};
        for (Loss loss : List.of(new TripletMarginLoss(Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN, false,
                new AllTripletsMiner()), new TripletMarginLoss(Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN_NON_ZERO,
                false, new BatchHardMiner()), new NPairsLoss(Distances.DOT), ContrastiveLoss.defaults())) {
            boolean pairLoss = loss instanceof ContrastiveLoss;
            for (int[] y : pairLoss ? new int[][] {{7}} : new int[][] {distinct, oneClass}) {
                NDArray z = m.randomNormal(new Shape(y.length, 3));
                z.setRequiresGradient(true);
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.evaluate(new NDList(m.create(y)), new NDList(z));
                    assertEquals(0f, l.getFloat(), 0f, loss.getName());
                    c.backward(l);
                }
                assertEquals(0f, z.getGradient().abs().sum().getFloat(), 0f);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheReferences() {
        Random r = new Random(7);
        double[][] z = gaussian(8, 3, r);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        NDArray yy = m.create(y);
        LossTesting.assertGradient(m, z, zz -> ContrastiveLoss.defaults().evaluate(new NDList(yy), new NDList(zz)),
                p -> Reference.siamese(p, y, 0, 1, false), 2e-3);
        TripletMarginLoss triplet = new TripletMarginLoss(Distances.EUCLIDEAN, 1.0, TupleReduction.MEAN, false,
                new AllTripletsMiner());
        LossTesting.assertGradient(m, z, zz -> triplet.evaluate(new NDList(yy), new NDList(zz)),
                p -> Reference.triplet(p, Reference.allTriplets(y), "euclidean", 1.0, false, false), 2e-3);
        TripletMarginLoss soft = new TripletMarginLoss(Distances.COSINE, 0, TupleReduction.MEAN, true,
                new AllTripletsMiner());
        LossTesting.assertGradient(m, z, zz -> soft.evaluate(new NDList(yy), new NDList(zz)),
                p -> Reference.triplet(p, Reference.allTriplets(y), "cosine", 0, true, false), 2e-3);
        int[] pairs = {0, 1, 2, 3, 0, 1, 2, 3};
        NDArray py = m.create(pairs);
        LossTesting.assertGradient(m, z, zz -> new NPairsLoss(Distances.DOT).evaluate(new NDList(py), new NDList(zz)),
                p -> Reference.npairs(p, pairs), 2e-3);
    }

    @Test
    void badInputsAreCleanErrors() {
        NDArray z = m.randomNormal(new Shape(4, 3));
        Loss triplet = new TripletMarginLoss(Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN, false, new BatchHardMiner());
        assertEquals("triplet: shape of labels (3) must be (4) to match embeddings (4, 3)",
                assertThrows(SelfsupException.class, () -> triplet.evaluate(new NDList(m.create(new int[] {0, 1, 0})),
                        new NDList(z))).getMessage());
        assertEquals("margin: must be a finite number >= 0, found -0.1", assertThrows(SelfsupException.class,
                () -> new TripletMarginLoss(Distances.EUCLIDEAN, -0.1, TupleReduction.MEAN, false, new BatchHardMiner()))
                .getMessage());
        assertEquals("neg_margin: must be a finite number >= 0, found -1.0", assertThrows(SelfsupException.class,
                () -> new ContrastiveLoss(Distances.EUCLIDEAN, 0, -1, TupleReduction.MEAN, new AllPairsMiner()))
                .getMessage());
        assertEquals("all_triplets: batch rows must be <= 512 (it enumerates N³ triplets), found 600; "
                + "use miner batch_hard for larger batches", assertThrows(SelfsupException.class,
                () -> new AllTripletsMiner().mine(m.zeros(new Shape(600, 2)), m.zeros(new Shape(600)),
                        Distances.EUCLIDEAN)).getMessage());
        assertEquals("reduction: must be one of [mean, mean_non_zero], found 'sum'", assertThrows(SelfsupException.class,
                () -> new TripletSpec("euclidean", 0.2, "sum", false, new BatchHardMiner())).getMessage());
    }
}
