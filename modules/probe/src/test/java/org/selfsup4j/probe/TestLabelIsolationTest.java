package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SeedTree;

/**
 * The probe never sees test labels before the final evaluation: everything it chooses (λ, the validation
 * curve, the weights, the kNN predictions) is the same whatever labels the test set carries, and the
 * reported accuracy is exactly the score of those fixed predictions against the given labels.
 */
class TestLabelIsolationTest {
    @Test
    void scramblingTheTestLabelsChangesOnlyTheFinalScore() {
        Features train = LinearProbeTest.blobs(1000, 6, 5, 3.0, 11);
        Features test = LinearProbeTest.blobs(500, 6, 5, 3.0, 12);
        int[] scrambled = test.labels().clone();
        Random r = new Random(3);
        for (int i = scrambled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = scrambled[i];
            scrambled[i] = scrambled[j];
            scrambled[j] = t;
        }
        Features scrambledTest = new Features(test.values(), test.n(), test.dim(), scrambled, test.numClasses());
        ProbeSpec spec = new ProbeSpec(new LinearProbeSpec(0.2, java.util.List.of(1e-4, 1e-1), 100, true),
                KnnSpec.defaults(), 512, null, 0, 0, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ProbeReport honest = ProbeReport.evaluate(train, test, null, spec, new SeedTree(4), m);
            ProbeReport other = ProbeReport.evaluate(train, scrambledTest, null, spec, new SeedTree(4), m);
            // model selection is identical ...
            assertEquals(honest.linear().l2(), other.linear().l2());
            assertEquals(honest.linear().validationTop1(), other.linear().validationTop1());
            // ... and so are the fitted probe's and the kNN's predictions
            LinearProbe.Selection chosen = LinearProbe.select(train, spec.linearProbe(), new SeedTree(4), m);
            int[] predicted = chosen.model().predict(test, 1, m);
            assertArrayEquals(predicted, chosen.model().predict(scrambledTest, 1, m));
            int[] knn = KnnClassifier.predict(train, test, spec.knn(), m);
            assertArrayEquals(knn, KnnClassifier.predict(train, scrambledTest, spec.knn(), m));
            // the reported figures are those fixed predictions scored against whichever labels were given
            assertEquals(LinearProbe.accuracy(predicted, test.labels()), honest.linear().top1());
            assertEquals(LinearProbe.accuracy(predicted, scrambled), other.linear().top1());
            assertEquals(LinearProbe.accuracy(knn, scrambled), other.knnTop1());
            assertNotEquals(honest.linear().top1(), other.linear().top1());
        }
    }
}
