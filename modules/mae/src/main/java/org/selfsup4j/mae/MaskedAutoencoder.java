package org.selfsup4j.mae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.augment.PreviewGrid;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.Patches;
import org.selfsup4j.encoders.VisionTransformer;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.StepFunction;

/**
 * Masked-autoencoder pretraining (He et al., CVPR 2022). Per step, on one augmented view x of each
 * image: patchify into T patches of {@code P = C·p²} pixels, draw a {@link PatchMask} from the stream
 * {@code mask/step-S}, embed the patches and add positions ({@link VisionTransformer#patchTokens}),
 * gather the K visible tokens, encode them with CLS and no mask tokens ({@link VisionTransformer#encode}),
 * and predict every patch with the {@link MaeDecoder}. The loss is the mean squared error on the hidden
 * patches only:
 * <pre>
 *   L = Σ_{n,t} mask_{n,t} · (1/P)·‖ŷ_{n,t} − y_{n,t}‖²  /  Σ_{n,t} mask_{n,t}
 * </pre>
 * with targets {@code y} the patch pixels or, with {@code norm_pix_loss}, {@code (y − mean(y))/√(var(y) + 1e-6)}
 * per patch (unbiased variance, as the reference code). The encoder is the network's ViT, so the probe
 * evaluates it as configured (CLS token or mean of tokens); the decoder is the method's own block.
 */
public final class MaskedAutoencoder implements StepFunction {
    /** The file the run's reconstructions are drawn to. */
    public static final String FIGURE = "reconstructions.png";
    private static final float NORM_EPS = 1e-6f;
    private static final float HIDDEN_GREY = 0.5f;

    private final VisionTransformer vit;
    private final MaeMethodSpec spec;
    private final MaeDecoder decoder;
    private final MultiView views;
    private final SeedTree seeds;
    private final ParameterStore store;
    private final StagingBuffer staging = new StagingBuffer();
    private final int tokens;

    /**
     * Builds the decoder and initialises it from the seed stream {@code init/mae-decoder}.
     *
     * @param net the network, whose encoder is an initialised {@link VisionTransformer}
     * @param spec the method spec
     * @param views the view maker (one view)
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    public MaskedAutoencoder(HypersphereNetwork net, MaeMethodSpec spec, MultiView views, SeedTree seeds, NDManager root,
            Shape inputShape) {
        this.vit = (VisionTransformer) net.encoder();
        this.spec = spec;
        this.views = views;
        this.seeds = seeds;
        this.store = new ParameterStore(root, false);
        this.tokens = vit.tokens();
        int p = vit.spec().patch();
        this.decoder = new MaeDecoder(spec, vit.spec().width(), tokens, (int) inputShape.get(1) * p * p);
        DeviceRandom.seedEngine(root, seeds.seed("init/mae-decoder"));
        int kept = PatchMask.keptCount(tokens, spec.maskRatio());
        decoder.initialize(root, DataType.FLOAT32, new Shape(1, 1 + kept, vit.spec().width()), new Shape(tokens));
    }

    /** @return the decoder */
    public MaeDecoder decoder() {
        return decoder;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        NDArray images = staging.upload(scope, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        NDArray x = views.apply(images, seeds, step).singletonOrThrow();
        PatchMask mask = PatchMask.random(batch.size(), tokens, spec.maskRatio(), seeds.stream("mask/step-" + step));
        NDArray target = target(Patches.patchify(x, vit.spec().patch()), spec.normPixLoss());
        return loss(predict(x, mask, true), target, mask.maskArray(scope));
    }

    /**
     * Encodes the visible patches and decodes every position.
     *
     * @param images {@code (N, C, H, W)}
     * @param mask the mask of the N images
     * @param training whether gradients are recorded
     * @return {@code (N, T, P)} predicted patches (normalised pixels with {@code norm_pix_loss})
     */
    public NDArray predict(NDArray images, PatchMask mask, boolean training) {
        NDManager m = images.getManager();
        NDArray patchTokens = vit.patchTokens(store, images, training);
        long n = images.getShape().get(0);
        long d = patchTokens.getShape().get(2);
        NDArray visible = patchTokens.reshape(n * tokens, d).get(mask.keptRows(m)).reshape(n, mask.kept(), d);
        NDArray encoded = vit.encode(store, visible, training);
        return decoder.forward(store, new NDList(encoded, mask.restoreRows(m)), training).singletonOrThrow();
    }

    /**
     * @param patches {@code (N, T, P)} patch pixels
     * @param normalise whether to normalise each patch by its mean and unbiased standard deviation
     * @return the regression targets, {@code (N, T, P)}
     */
    public static NDArray target(NDArray patches, boolean normalise) {
        if (!normalise) {
            return patches;
        }
        NDArray mean = patches.mean(new int[] {-1}, true);
        return patches.sub(mean).div(std(patches, mean));
    }

    private static NDArray std(NDArray patches, NDArray mean) {
        long p = patches.getShape().getLastDimension();
        return patches.sub(mean).square().sum(new int[] {-1}, true).div(p - 1f).add(NORM_EPS).sqrt();
    }

    /**
     * @param prediction {@code (N, T, P)}
     * @param target {@code (N, T, P)}
     * @param mask {@code (N, T)}, 1 on hidden patches
     * @return the scalar mean over hidden patches of the per-patch mean squared error
     */
    public static NDArray loss(NDArray prediction, NDArray target, NDArray mask) {
        NDArray perPatch = prediction.sub(target).square().mean(new int[] {-1});
        return perPatch.mul(mask).sum().div(mask.sum());
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        List<Parameter> out = new ArrayList<>(vit.getParameters().values());
        out.addAll(decoder.getParameters().values());
        return out;
    }

    @Override
    public List<Block> ownBlocks() {
        return List.of(decoder);
    }

    /**
     * {@value #FIGURE}: one row per image with the original, the masked input (hidden patches grey) and
     * the reconstruction (predicted hidden patches, mapped back to pixels with the original patch's mean
     * and deviation under {@code norm_pix_loss}, beside the visible patches), from the stream
     * {@code mask/figure}.
     */
    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scope);
            int n = (int) x.getShape().get(0);
            int p = vit.spec().patch();
            Shape s = x.getShape();
            PatchMask mask = PatchMask.random(n, tokens, spec.maskRatio(), seeds.stream("mask/figure"));
            NDArray hidden = mask.maskArray(scope).expandDims(-1);
            NDArray patches = Patches.patchify(x, p);
            NDArray pred = predict(x, mask, false);
            if (spec.normPixLoss()) {
                NDArray mean = patches.mean(new int[] {-1}, true);
                pred = pred.mul(std(patches, mean)).add(mean);
            }
            NDArray visible = hidden.mul(-1f).add(1f);
            NDArray masked = patches.mul(visible).add(hidden.mul(HIDDEN_GREY));
            NDArray recon = patches.mul(visible).add(pred.mul(hidden));
            NDList columns = new NDList(unpatch(masked, p, s), unpatch(recon, p, s));
            return Map.of(FIGURE, PreviewGrid.png(x, columns, 4));
        }
    }

    private static NDArray unpatch(NDArray patches, int p, Shape s) {
        return Patches.unpatchify(patches, p, (int) s.get(1), (int) s.get(2), (int) s.get(3));
    }
}
