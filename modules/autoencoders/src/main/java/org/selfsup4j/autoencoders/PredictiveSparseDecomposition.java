package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.Reconstructor;
import org.selfsup4j.train.StepFunction;

/**
 * Predictive sparse decomposition (Kavukcuoglu, Ranzato &amp; LeCun, "Fast inference in sparse coding
 * algorithms with applications to object recognition", 2008). With the flattened image x, dictionary D
 * (unit-norm atoms), bias b, and predictor {@code p = G ⊙ f(x)} (f: the network's encoder):
 * <pre>
 *   z* = argmin_z  ||x − Dz − b||² + λ|z|₁ + γ||z − p||²        (ISTA from z = p, no gradient)
 *   L  = (1/N) Σ_n [ ||x_n − D z*_n − b||² + λ|z*_n|₁ + γ||z*_n − p_n||² ]
 * </pre>
 * ISTA's step is {@code 1/L_f} with {@code L_f = 2(σ_max(D)² + γ)} (σ_max by power iteration); each
 * iteration is {@code z ← soft(z − ∇/L_f, λ/L_f)}. The gradient step trains D and b on the
 * reconstruction and f and G on the prediction; the atoms are renormalised after every update. The
 * probe evaluates f(x). Figures: {@code reconstructions.png} (from p and from z*) and
 * {@code dictionary.png} (the first 64 atoms).
 */
public final class PredictiveSparseDecomposition implements StepFunction, Reconstructor {
    /** The atoms' figure. */
    public static final String DICTIONARY = "dictionary.png";
    private static final int POWER_ITERATIONS = 30;
    private static final int ATOMS_SHOWN = 64;

    private final PsdMethodSpec spec;
    private final CodeEncoder encoder;
    private final PsdDictionary dict;
    private final ParameterStore store;
    private final MultiView views;
    private final SeedTree seeds;
    private final StagingBuffer staging = new StagingBuffer();
    private final Shape image;

    /**
     * @param net the network, whose encoder is a {@link CodeEncoder}
     * @param spec the method spec
     * @param views the view maker (one view)
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    public PredictiveSparseDecomposition(HypersphereNetwork net, PsdMethodSpec spec, MultiView views, SeedTree seeds,
            NDManager root, Shape inputShape) {
        this.spec = spec;
        this.views = views;
        this.seeds = seeds;
        this.encoder = (CodeEncoder) net.encoder();
        this.image = inputShape.slice(1);
        this.store = new ParameterStore(root, false);
        this.dict = new PsdDictionary((int) image.size(), encoder.codeDim());
        DeviceRandom.seedEngine(root, seeds.seed("init/psd-dictionary"));
        dict.initialize(root, DataType.FLOAT32, new Shape(1, encoder.codeDim()));
        dict.normaliseAtoms();
    }

    /** @return the dictionary block */
    public PsdDictionary dictionary() {
        return dict;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        NDArray images = staging.upload(scope, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        NDArray x = views.apply(images, seeds, step).singletonOrThrow();
        NDArray flat = x.reshape(x.getShape().get(0), -1);
        NDArray p = predict(x, true);
        NDArray z = infer(flat, p.stopGradient());
        NDArray residual = flat.sub(dict.forward(store, new NDList(z), true).singletonOrThrow());
        NDArray perImage = residual.square().sum(new int[] {1})
                .add(Scalars.mul(z.abs().sum(new int[] {1}), spec.sparsityWeight()))
                .add(Scalars.mul(z.sub(p).square().sum(new int[] {1}), spec.predictionWeight()));
        return perImage.mean();
    }

    /**
     * @param x {@code (N, C, H, W)}
     * @param training whether gradients are recorded
     * @return {@code p = G ⊙ f(x)}, {@code (N, q)}
     */
    public NDArray predict(NDArray x, boolean training) {
        NDArray f = encoder.forward(store, new NDList(x), training).singletonOrThrow();
        return f.mul(store.getValue(dict.getParameters().get("gain"), x.getDevice(), training));
    }

    /**
     * ISTA on the PSD energy with the current (detached) dictionary.
     *
     * @param flat {@code (N, d)} images
     * @param p {@code (N, q)} the prediction (start point and anchor)
     * @return {@code (N, q)} the sparse codes z*, not recording gradients
     */
    public NDArray infer(NDArray flat, NDArray p) {
        NDArray d = dict.dictionary().stopGradient();
        NDArray b = dict.bias().stopGradient();
        d.attach(flat.getManager());
        b.attach(flat.getManager());
        double lf = 2 * (spectralNormSquared(d) + spec.predictionWeight());
        double threshold = spec.sparsityWeight() / lf;
        NDArray target = flat.sub(b);
        NDArray z = p;
        for (int i = 0; i < spec.istaSteps(); i++) {
            NDArray residual = target.sub(z.matMul(d.transpose()));
            NDArray grad = Scalars.mul(residual.matMul(d), -2).add(Scalars.mul(z.sub(p), 2 * spec.predictionWeight()));
            NDArray v = z.sub(Scalars.div(grad, lf));
            z = v.sign().mul(Scalars.maximum(Scalars.maximum(v.abs(), threshold).sub(Scalars.of(v, threshold)), 0));
        }
        return z;
    }

    /** σ_max(D)² by power iteration on DᵀD from a vector of ones. */
    private static double spectralNormSquared(NDArray d) {
        NDArray gram = d.transpose().matMul(d);
        NDArray v = gram.getManager().ones(new Shape(gram.getShape().get(0), 1));
        double lambda = 0;
        for (int i = 0; i < POWER_ITERATIONS; i++) {
            NDArray w = gram.matMul(v);
            lambda = w.norm().getFloat();
            v = Scalars.div(w, Math.max(lambda, 1e-12));
        }
        return lambda;
    }

    @Override
    public void afterUpdate(long step) {
        dict.normaliseAtoms();
    }

    @Override
    public NDArray reconstruct(NDArray images) {
        NDArray flat = images.reshape(images.getShape().get(0), -1);
        NDArray z = infer(flat, predict(images, false));
        return dict.forward(store, new NDList(z), false).singletonOrThrow().reshape(images.getShape());
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        List<Parameter> out = new ArrayList<>(encoder.getParameters().values());
        out.addAll(dict.getParameters().values());
        return out;
    }

    @Override
    public List<Block> ownBlocks() {
        return List.of(dict);
    }

    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = AeParts.copyInto(images, scope);
            NDArray fast = dict.forward(store, new NDList(predict(x, false)), false).singletonOrThrow().reshape(x.getShape());
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put(AeParts.RECONSTRUCTIONS, AeParts.grid(x, fast, reconstruct(x)));
            NDArray atoms = dict.dictionary().duplicate();
            atoms.attach(scope);
            out.put(DICTIONARY, AeParts.tiles(atoms.transpose(), image, ATOMS_SHOWN));
            return out;
        }
    }

}
