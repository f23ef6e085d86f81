package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfsup4j.losses.LossTesting.nd;
import static org.selfsup4j.losses.LossTesting.unit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;

/** InfoNCE's hard-negative, momentum-key, memory-bank and MoCHi forms, and the alignment/uniformity loss. */
class HardNegativesTest extends ManagedTest {
    private static int[] views(int n, int v) {
        int[] y = new int[n * v];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % n;
        }
        return y;
    }

    private float eval(InfoNceLoss loss, double[][] z, int[] y) {
        return loss.evaluate(new NDList(m.create(y)), new NDList(nd(m, z))).getFloat();
    }

    @Test
    void hclMatchesItsFormula() {
        Random r = new Random(11);
        for (int n : new int[] {3, 8, 20}) {
            double[][] z = unit(2 * n, 6, r);
            int[] y = views(n, 2);
            for (double[] bt : new double[][] {{1, 0.1}, {0.5, 0}, {2, 0.3}, {0, 0.1}}) {
                for (double tau : new double[] {0.2, 0.5}) {
                    double ref = Reference.infoNce(z, y, z, y, null, tau, bt, 0);
                    float got = eval(new InfoNceLoss(tau, Distances.COSINE, new HclWeighting(bt[0], bt[1])), z, y);
                    assertEquals(ref, got, 2e-4 * Math.max(1, Math.abs(ref)) / tau, "n=" + n + " beta=" + bt[0]);
                }
            }
        }
    }

    @Test
    void hclWithoutWeightingOrDebiasingIsInfoNce() {
        Random r = new Random(12);
        double[][] z = unit(16, 5, r);
        int[] y = views(8, 2);
        float plain = eval(new InfoNceLoss(0.5), z, y);
        assertEquals(plain, eval(new InfoNceLoss(0.5, Distances.COSINE, new HclWeighting(0, 0)), z, y), 1e-5);
        assertNotEquals(plain, eval(new InfoNceLoss(0.5, Distances.COSINE, new HclWeighting(1, 0.1)), z, y), 1e-3);
    }

    @Test
    void hclClampBindsWhenDebiasingOvershoots() {
        // all negatives orthogonal, positive identical: τ⁺ large makes Ng negative before the clamp
        int n = 4;
        double[][] z = new double[2 * n][n];
        for (int i = 0; i < 2 * n; i++) {
            z[i][i % n] = 1;
        }
        int[] y = views(n, 2);
        double tau = 0.5;
        double ref = Reference.infoNce(z, y, z, y, null, tau, new double[] {1, 0.9}, 0);
        int mNeg = 2 * n - 2;
        double clamped = -Math.log(Math.exp(1 / tau) / (Math.exp(1 / tau) + mNeg * Math.exp(-1 / tau)));
        assertEquals(clamped, ref, 1e-9);
        assertEquals(ref, eval(new InfoNceLoss(tau, Distances.COSINE, new HclWeighting(1, 0.9)), z, y), 1e-5);
    }

    @Test
    void topKMatchesSortedNegativesAndLargeKIsInfoNce() {
        Random r = new Random(13);
        double[][] z = unit(18, 4, r);
        int[] y = views(6, 3);
        for (int k : new int[] {1, 3, 10}) {
            assertEquals(Reference.infoNce(z, y, z, y, null, 0.3, null, k),
                    eval(new InfoNceLoss(0.3, Distances.COSINE, new TopKNegatives(k)), z, y), 1e-3, "k=" + k);
        }
        assertEquals(eval(new InfoNceLoss(0.3), z, y), eval(new InfoNceLoss(0.3, Distances.COSINE, new TopKNegatives(1000)),
                z, y), 1e-5);
    }

    @Test
    void keysBankAndExtraNegativesMatchBruteForce() {
        Random r = new Random(14);
        int n = 5;
        double[][] q = unit(2 * n, 4, r);
        double[][] k = unit(2 * n, 4, r);
        double[][] bank = unit(7, 4, r);
        double[][][] extra = new double[2 * n][][];
        for (int i = 0; i < 2 * n; i++) {
            extra[i] = unit(3, 4, r);
        }
        int[] y = views(n, 2);
        int[] bankY = {-1, -1, 2, -1, 4, -1, -1}; // two bank rows share a label with anchors (supervised bank)
        double[][] cands = new double[2 * n + 7][];
        int[] candY = new int[2 * n + 7];
        for (int i = 0; i < 2 * n; i++) {
            cands[i] = k[i];
            candY[i] = y[i];
        }
        for (int i = 0; i < 7; i++) {
            cands[2 * n + i] = bank[i];
            candY[2 * n + i] = bankY[i];
        }
        double[][] flatExtra = new double[2 * n * 3][];
        for (int i = 0; i < 2 * n * 3; i++) {
            flatExtra[i] = extra[i / 3][i % 3];
        }
        ContrastiveInputs in = ContrastiveInputs.of(nd(m, q), m.create(y)).keys(nd(m, k))
                .bank(nd(m, bank), m.create(bankY)).extraNegatives(nd(m, flatExtra).reshape(2 * n, 3, 4));
        for (NegativeWeighting w : new NegativeWeighting[] {null, new HclWeighting(1, 0.1), new TopKNegatives(4)}) {
            double ref = Reference.infoNce(q, y, cands, candY, extra, 0.2,
                    w instanceof HclWeighting ? new double[] {1, 0.1} : null, w instanceof TopKNegatives ? 4 : 0);
            float got = new InfoNceLoss(0.2, Distances.COSINE, w).evaluate(in.labels(), in.predictions()).getFloat();
            assertEquals(ref, got, 1e-3, String.valueOf(w));
        }
    }

    @Test
    void supConNeedsTwoClassesAndMatchesInfoNceWithClassLabels() {
        Random r = new Random(15);
        double[][] z = unit(12, 4, r);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        assertEquals(Reference.infoNce(z, y, z, y, null, 0.1, null, 0), eval(new SupConLoss(0.1), z, y), 2e-3);
        SelfsupException e = assertThrows(SelfsupException.class, () -> eval(new SupConLoss(0.1), z, new int[12]));
        assertEquals("supcon: classes in the batch must be >= 2, found 1; a supervised batch needs negatives: "
                + "raise train.batch_size or use an M-per-class sampler", e.getMessage());
    }

    @Test
    void gradientOfHclMatchesFiniteDifferences() {
        Random r = new Random(16);
        double[][] z = unit(8, 3, r);
        int[] y = views(4, 2);
        NDArray yy = m.create(y);
        InfoNceLoss hcl = new InfoNceLoss(0.5, Distances.DOT, new HclWeighting(1, 0.1));
        LossTesting.assertGradient(m, z, zz -> hcl.evaluate(new NDList(yy), new NDList(zz)),
                p -> Reference.infoNce(p, y, p, y, null, 0.5, new double[] {1, 0.1}, 0), 2e-3);
    }

    @Test
    void alignmentAndUniformityMatchTheirDefinitions() {
        Random r = new Random(17);
        double[][] z = unit(10, 4, r);
        int[] y = views(5, 2);
        NDArray zz = nd(m, z);
        NDArray yy = m.create(y);
        assertEquals(Reference.alignment(z, y, 2), AlignmentUniformityLoss.alignment(zz, yy, 2).getFloat(), 1e-5);
        assertEquals(Reference.alignment(z, y, 1), AlignmentUniformityLoss.alignment(zz, yy, 1).getFloat(), 1e-4);
        assertEquals(Reference.uniformity(z, 2), AlignmentUniformityLoss.uniformity(zz, 2).getFloat(), 1e-5);
        assertEquals(Reference.uniformity(z, 50), AlignmentUniformityLoss.uniformity(zz, 50).getFloat(), 1e-3);
        float allRows = new AlignmentUniformityLoss(2, 2, 0.5, false).evaluate(new NDList(yy), new NDList(zz)).getFloat();
        assertEquals(Reference.alignment(z, y, 2) + 0.5 * Reference.uniformity(z, 2), allRows, 1e-5);
        // the reference form: uniformity within each view, (unif(x) + unif(y)) / 2
        double[][] x = Arrays.copyOfRange(z, 0, 5);
        double[][] w = Arrays.copyOfRange(z, 5, 10);
        float perView = new AlignmentUniformityLoss(2, 2, 0.5).evaluate(new NDList(yy), new NDList(zz)).getFloat();
        assertEquals(Reference.alignment(z, y, 2) + 0.5 * (Reference.uniformity(x, 2) + Reference.uniformity(w, 2)) / 2,
                perView, 1e-5);
        LossTesting.assertGradient(m, z, p -> new AlignmentUniformityLoss(2, 2, 1).evaluate(new NDList(yy), new NDList(p)),
                p -> Reference.alignment(p, y, 2) + (Reference.uniformity(Arrays.copyOfRange(p, 0, 5), 2)
                        + Reference.uniformity(Arrays.copyOfRange(p, 5, 10), 2)) / 2, 2e-3);
    }

    /**
     * Two instances, two views in the plane: x1 = (1, 0), x2 = (0, 1), y1 = (1, 0), y2 = (−1, 0). By hand:
     * alignment (α = 2) = (0 + 2) / 2 = 1; unif(x) = log e^{−2·2} = −4, unif(y) = log e^{−2·4} = −8, so the
     * reference loss is 1 + (−4 − 8) / 2 = −5. Over all four rows the six squared distances are 2, 0, 4, 2,
     * 2, 4: 1 + log((1 + 3e^{−4} + 2e^{−8}) / 6).
     */
    @Test
    void alignUniformEqualsTheHandComputedReferenceValue() {
        NDArray z = m.create(new float[] {1, 0, 0, 1, 1, 0, -1, 0}, new Shape(4, 2));
        NDArray y = m.create(new int[] {0, 1, 0, 1});
        assertEquals(-5.0, new AlignmentUniformityLoss(2, 2, 1).evaluate(new NDList(y), new NDList(z)).getFloat(), 1e-5);
        assertEquals(1 + Math.log((1 + 3 * Math.exp(-4) + 2 * Math.exp(-8)) / 6),
                new AlignmentUniformityLoss(2, 2, 1, false).evaluate(new NDList(y), new NDList(z)).getFloat(), 1e-5);
        SelfsupException e = assertThrows(
                SelfsupException.class, () -> new AlignmentUniformityLoss(2, 2, 1)
                        .evaluate(new NDList(m.create(new int[] {0, 0, 1, 1})), new NDList(z)));
        assertEquals("align_uniform: labels must be instance ids tiled over view blocks (uniformity: per_view), found "
                + "another layout at row 2; use uniformity: all_rows for class labels", e.getMessage());
    }

    @Test
    void mochiMakesUnitNegativesFromTheHardestBankRows() {
        Random r = new Random(18);
        double[][] q = unit(4, 8, r);
        double[][] bank = unit(50, 8, r);
        MochiMixer mixer = new MochiMixer(5, 6, 3);
        NDArray extra = mixer.mix(nd(m, q), nd(m, bank), new SplittableRandom(1));
        assertEquals(new Shape(4, 9, 8), extra.getShape());
        float[] norms = extra.norm(new int[] {2}).toFloatArray();
        for (float v : norms) {
            assertEquals(1f, v, 1e-5);
        }
        // every two-negative mix lies in the span of the query's 5 hardest bank rows
        float[] e = extra.toFloatArray();
        for (int i = 0; i < 4; i++) {
            int[] top = hardest(q[i], bank, 5);
            for (int s = 0; s < 6; s++) {
                double[] h = new double[8];
                for (int d = 0; d < 8; d++) {
                    h[d] = e[(i * 9 + s) * 8 + d];
                }
                assertTrue(residual(h, bank, top) < 1e-3, "mix outside the hardest rows' span");
            }
        }
        NDArray again = mixer.mix(nd(m, q), nd(m, bank), new SplittableRandom(1));
        assertEquals(0f, again.sub(extra).abs().max().getFloat(), 0f);
    }

    private static int[] hardest(double[] q, double[][] bank, int n) {
        Integer[] idx = new Integer[bank.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(Reference.dot(q, bank[b]), Reference.dot(q, bank[a])));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** Distance of h from the span of the chosen rows, by Gram–Schmidt. */
    private static double residual(double[] h, double[][] rows, int[] chosen) {
        java.util.List<double[]> basis = new java.util.ArrayList<>();
        for (int c : chosen) {
            double[] v = rows[c].clone();
            for (double[] b : basis) {
                double p = Reference.dot(v, b);
                for (int d = 0; d < v.length; d++) {
                    v[d] -= p * b[d];
                }
            }
            double norm = Math.sqrt(Reference.dot(v, v));
            if (norm > 1e-9) {
                for (int d = 0; d < v.length; d++) {
                    v[d] /= norm;
                }
                basis.add(v);
            }
        }
        double[] res = h.clone();
        for (double[] b : basis) {
            double p = Reference.dot(res, b);
            for (int d = 0; d < res.length; d++) {
                res[d] -= p * b[d];
            }
        }
        return Math.sqrt(Reference.dot(res, res));
    }

    @Test
    void shapeMismatchesNameBothTensors() {
        NDArray z = m.randomNormal(new Shape(4, 3));
        NDArray y = m.create(new int[] {0, 1, 0, 1});
        assertEquals("info_nce: shape of anchors [4, 3] must equal shape of keys, found [4, 5]",
                assertThrows(SelfsupException.class, () -> new InfoNceLoss(0.5).evaluate(ContrastiveInputs.of(z, y)
                        .keys(m.zeros(new Shape(4, 5))).labels(), ContrastiveInputs.of(z, y).keys(m.zeros(new Shape(4, 5)))
                        .predictions())).getMessage());
        ContrastiveInputs bad = ContrastiveInputs.of(z, y).bank(m.zeros(new Shape(6, 3)), m.zeros(new Shape(5)));
        assertEquals("info_nce: shape of bank_labels (5) must be (6) to match bank (6, 3)",
                assertThrows(SelfsupException.class, () -> new InfoNceLoss(0.5).evaluate(bad.labels(), bad.predictions()))
                        .getMessage());
    }
}
