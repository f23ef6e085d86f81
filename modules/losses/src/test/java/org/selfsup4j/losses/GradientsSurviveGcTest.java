package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.GcStress;

/**
 * Every loss, distance, miner and weighting gives the same gradient whether or not the garbage
 * collector runs between the forward and the backward pass (a constant freed by Java and read by
 * autograd, see {@code Scalars}, would make them differ).
 */
class GradientsSurviveGcTest {
    @Test
    void everyLossGivesTheSameGradientAfterACollection() {
        Map<String, Loss> losses = new java.util.LinkedHashMap<>();
        losses.put("nt-xent", new InfoNceLoss(0.2));
        for (Distance d : Distances.values()) {
            losses.put("infonce " + d, new InfoNceLoss(0.5, d, null));
        }
        losses.put("infonce hcl", new InfoNceLoss(0.5, Distances.COSINE, HclWeighting.defaults()));
        losses.put("infonce top-k", new InfoNceLoss(0.5, Distances.COSINE, new TopKNegatives(3)));
        losses.put("supcon", new SupConLoss(0.1));
        losses.put("triplet batch-hard", new TripletMarginLoss(Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN, false,
                BatchHardMiner.defaults()));
        losses.put("triplet soft semi-hard", new TripletMarginLoss(Distances.SQUARED_EUCLIDEAN, 0.2,
                TupleReduction.MEAN_NON_ZERO, true, new SemiHardMiner(5)));
        losses.put("triplet all cosine", new TripletMarginLoss(Distances.COSINE, 0.2, TupleReduction.MEAN_NON_ZERO, false,
                AllTripletsMiner.defaults()));
        losses.put("contrastive", ContrastiveLoss.defaults());
        losses.put("contrastive hard pairs", new ContrastiveLoss(Distances.EUCLIDEAN, 0, 1, TupleReduction.MEAN,
                HardNegativePairMiner.defaults()));
        losses.put("n-pairs", new NPairsLoss(Distances.DOT));
        losses.put("align-uniform", new AlignmentUniformityLoss(3, 2, 0.5, false)); // class labels: over all rows
        int[] y = {0, 1, 2, 0, 1, 2, 0, 3};
        for (Map.Entry<String, Loss> e : losses.entrySet()) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray z = LossTesting.nd(m, LossTesting.gaussian(y.length, 5, new Random(3)));
                z.setRequiresGradient(true);
                GcStress.assertGradientsSurvive(e.getKey(), m, s -> e.getValue().evaluate(new NDList(s.create(y)), new NDList(z)),
                        List.of(z));
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = LossTesting.nd(m, LossTesting.gaussian(y.length, 5, new Random(3)));
            z.setRequiresGradient(true);
            NDArray extra = LossTesting.nd(m, LossTesting.gaussian(y.length * 3, 5, new Random(4))).reshape(y.length, 3, 5);
            NDArray bank = LossTesting.nd(m, LossTesting.gaussian(6, 5, new Random(5)));
            GcStress.assertGradientsSurvive("infonce with bank and extra negatives", m, s -> {
                ContrastiveInputs in = ContrastiveInputs.of(z, s.create(y)).bank(bank, s.create(new int[] {0, 1, 4, 5, 6, 7}))
                        .extraNegatives(extra);
                return new InfoNceLoss(0.2).evaluate(in.labels(), in.predictions());
            }, List.of(z));
        }
    }
}
