package org.selfsup4j.autoencoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.selfsup4j.core.GcStress;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.junit.jupiter.api.Test;

/** What training does: denoising beats the identity, the ELBO rises, PSD codes are sparse; gradients survive a GC. */
class TrainingBehaviourTest extends ManagedTest {
    private static final int SIDE = 8;
    private static final Shape INPUT = new Shape(1, 1, SIDE, SIDE);

    @Test
    void aDenoisingAutoencoderReconstructsCleanImagesBetterThanTheIdentity() {
        HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(32), 8, "relu", "identity"), INPUT);
        AutoencoderMethodSpec spec = new AutoencoderMethodSpec("bce", "sigmoid", "masking", 0.3, "none", 0, 0.05, 0);
        Autoencoder dae = (Autoencoder) spec.build(net, AeTestSupport.identityViews(), null, new SeedTree(0), m, INPUT);
        NDArray x = AeTestSupport.images(m, 256, SIDE, 1);
        AeTestSupport.train(m, dae.parameters(net), 600, 3e-3f,
                step -> dae.objective(x, dae.corrupt(x, new SplittableRandom(step)), true), () -> {});
        NDArray test = AeTestSupport.images(m, 256, SIDE, 2);
        NDArray noisy = dae.corrupt(test, new SplittableRandom(-1));
        double identity = noisy.sub(test).square().sum().getFloat();
        NDArray out = new ReconstructionLoss("bce", "sigmoid").reconstruct(dae.decoder().forward(
                new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(net.encoder().forward(
                        new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(noisy), false)
                        .singletonOrThrow()), false).singletonOrThrow());
        double denoised = out.sub(test).square().sum().getFloat();
        assertTrue(denoised < identity / 2, "||g(f(x̃)) − x||² = " + denoised + " vs ||x̃ − x||² = " + identity);
    }

    @Test
    void theVaeElboImprovesWithTraining() {
        HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(32), 4, "relu", "identity"), INPUT);
        VariationalAutoencoder vae = (VariationalAutoencoder) VaeMethodSpec.defaults().build(net,
                AeTestSupport.identityViews(), null, new SeedTree(0), m, INPUT);
        NDArray x = AeTestSupport.images(m, 256, SIDE, 3);
        double before = vae.elbo(x, new SplittableRandom(11));
        AeTestSupport.train(m, vae.parameters(net), 300, 3e-3f, step -> {
            var t = vae.terms(x, new SplittableRandom(step), true);
            return t.get(0).add(t.get(1)).mean();
        }, () -> {});
        double after = vae.elbo(x, new SplittableRandom(11));
        assertTrue(after > before + 5, "ELBO " + before + " -> " + after);
        // a reconstruction term bounded by the uniform decoder's: −log p(x|z) ≤ d·log 2 once trained
        assertTrue(-after < SIDE * SIDE * Math.log(2), "−ELBO " + (-after) + " nats");
    }

    @Test
    void psdInfersSparseCodesThatTheEncoderLearnsToPredict() {
        HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(), 16, "identity", "tanh"), INPUT);
        PredictiveSparseDecomposition psd = (PredictiveSparseDecomposition) new PsdMethodSpec(0.2, 1, 30).build(net,
                AeTestSupport.identityViews(), null, new SeedTree(0), m, INPUT);
        NDArray x = AeTestSupport.images(m, 256, SIDE, 4);
        NDArray flat = x.reshape(256, -1);
        double gapBefore = psd.infer(flat, psd.predict(x, false)).sub(psd.predict(x, false)).square().sum().getFloat();
        AeTestSupport.train(m, psd.parameters(net), 300, 3e-3f,
                step -> psd.loss(m, new org.selfsup4j.train.Batch(x.toFloatArray(), new int[256], new int[256], 1, SIDE, SIDE),
                        step), () -> psd.afterUpdate(0));
        NDArray z = psd.infer(flat, psd.predict(x, false));
        double zeros = z.eq(0).sum().getLong() / (double) z.size();
        assertTrue(zeros > 0.3, "a sparse code: " + zeros + " of the entries are exactly 0");
        NDArray norms = psd.dictionary().dictionary().square().sum(new int[] {0}).sqrt();
        assertEquals(1f, norms.min().getFloat(), 1e-4f);
        assertEquals(1f, norms.max().getFloat(), 1e-4f);
        double gapAfter = z.sub(psd.predict(x, false)).square().sum().getFloat();
        assertTrue(gapAfter < gapBefore / 2, "||z* − f(x)||² " + gapBefore + " -> " + gapAfter);
    }

    @Test
    void gradientsSurviveAGarbageCollection() {
        HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(12), 6, "tanh", "sigmoid"), INPUT);
        NDArray x = AeTestSupport.images(m, 8, SIDE, 5);
        AutoencoderMethodSpec spec = new AutoencoderMethodSpec("bce", "sigmoid", "gaussian", 0.2, "kl", 0.5, 0.1, 0.3);
        Autoencoder ae = (Autoencoder) spec.build(net, AeTestSupport.identityViews(), null, new SeedTree(0), m, INPUT);
        GcStress.assertGradientsSurvive("autoencoder", m, s -> ae.objective(x, ae.corrupt(x, new SplittableRandom(1)), true),
                arrays(ae.parameters(net)));
        HypersphereNetwork vnet = AeTestSupport.net(m, new AeMlpSpec(List.of(12), 4, "relu", "identity"), INPUT);
        VariationalAutoencoder vae = (VariationalAutoencoder) new VaeMethodSpec(4, "gaussian", 0.1, 3).build(vnet,
                AeTestSupport.identityViews(), null, new SeedTree(0), m, INPUT);
        GcStress.assertGradientsSurvive("vae", m, s -> {
            var t = vae.terms(x, new SplittableRandom(2), true);
            return t.get(0).add(t.get(1)).mean();
        }, arrays(vae.parameters(vnet)));
    }

    private static List<NDArray> arrays(List<Parameter> params) {
        return params.stream().map(Parameter::getArray).toList();
    }

    @Test
    void specErrorsNameTheField() {
        assertEquals("output: must be sigmoid with reconstruction bce, found 'linear'; binary cross-entropy needs outputs in (0, 1)",
                assertThrows(() -> new AutoencoderMethodSpec("bce", "linear", "none", 0, "none", 0, 0.05, 0)));
        assertEquals("noise: must be one of [none, gaussian, masking], found 'salt'",
                assertThrows(() -> new AutoencoderMethodSpec("bce", "sigmoid", "salt", 0, "none", 0, 0.05, 0)));
        ModelSpec convnet = new ModelSpec(ConvNetSpec.defaults(), ProjectionHeadSpec.defaults());
        assertTrue(assertThrows(() -> AutoencoderMethodSpec.defaults().checkModel(convnet))
                .startsWith("model.encoder.type: must be ae_mlp or ae_conv for method 'autoencoder', found 'convnet'"));
        ModelSpec relu = new ModelSpec(AeMlpSpec.defaults(), ProjectionHeadSpec.defaults());
        assertTrue(assertThrows(() -> new AutoencoderMethodSpec("bce", "sigmoid", "none", 0, "kl", 1, 0.05, 0)
                .checkModel(relu)).startsWith("model.encoder.code_activation: must be sigmoid with sparsity kl, found 'identity'"));
        ModelSpec conv = new ModelSpec(AeConvSpec.defaults(), ProjectionHeadSpec.defaults());
        assertTrue(assertThrows(() -> new AutoencoderMethodSpec("bce", "sigmoid", "none", 0, "none", 0, 0.05, 1)
                .checkModel(conv)).startsWith("model.encoder.type: must be ae_mlp with contractive_weight > 0"));
        assertTrue(assertThrows(() -> new AutoencoderMethodSpec("bce", "sigmoid", "none", 0, "none", 0, 0.05, 0)
                .validateInput(new ModelSpec(new AeConvSpec(List.of(4, 4, 4), 8, "relu", "identity"),
                        ProjectionHeadSpec.defaults()), new Shape(1, 1, 28, 28)))
                .startsWith("model.encoder.channels: must be at most as many stages as the image side 28×28 can halve exactly"));
        assertTrue(assertThrows(() -> PcaMethodSpec.defaults().checkModel(relu))
                .startsWith("model.encoder: must be {type: ae_mlp, widths: [], code_activation: identity} for method 'pca'"));
        assertTrue(assertThrows(() -> VaeMethodSpec.defaults().checkModel(new ModelSpec(
                new AeMlpSpec(List.of(), 4, "relu", "sigmoid"), ProjectionHeadSpec.defaults())))
                .startsWith("model.encoder.code_activation: must be identity for method 'vae', found 'sigmoid'"));
        assertEquals("model.encoder.type: must be kmeans for method 'kmeans', found 'convnet'",
                assertThrows(() -> KMeansMethodSpec.defaults().checkModel(convnet)));
        assertEquals(java.util.Set.of(), KMeansMethodSpec.defaults().reads(), "k-means reads no views, loss or optimizer");
    }

    private static String assertThrows(org.junit.jupiter.api.function.Executable e) {
        return org.junit.jupiter.api.Assertions.assertThrows(SelfsupException.class, e).getMessage();
    }
}
