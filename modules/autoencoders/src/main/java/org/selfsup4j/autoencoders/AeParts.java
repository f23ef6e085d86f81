package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.augment.PreviewGrid;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;

/** What the gradient-trained autoencoder methods share: the network's encoder, a mirrored decoder, the figure. */
final class AeParts {
    static final String RECONSTRUCTIONS = "reconstructions.png";
    static final int ZOOM = 4;
    static final int TILES_PER_ROW = 8;
    private static final double MIN_NORM = 1e-8;

    final CodeEncoder encoder;
    final CodeDecoder decoder;
    final ParameterStore store;

    /**
     * Builds the mirrored decoder and initialises it from the stream {@code init/decoder}.
     *
     * @param net the network, whose encoder is a {@link CodeEncoder}
     * @param decoderInput the decoder's input width (q)
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    AeParts(HypersphereNetwork net, int decoderInput, SeedTree seeds, NDManager root, Shape inputShape) {
        this.encoder = (CodeEncoder) net.encoder();
        this.decoder = new CodeDecoder(net.spec().encoder(), inputShape.slice(1));
        this.store = new ParameterStore(root, false);
        DeviceRandom.seedEngine(root, seeds.seed("init/decoder"));
        decoder.initialize(root, DataType.FLOAT32, new Shape(1, decoderInput));
    }


    /**
     * @param input {@code (1, C, H, W)}
     * @param model the model section
     */
    static void requireDivisible(ModelSpec model, Shape input) {
        if (model.encoder() instanceof AeConvSpec conv
                && (input.get(2) % conv.reduction() != 0 || input.get(3) % conv.reduction() != 0)) {
            throw SelfsupException.of("model.encoder.channels", "", "at most as many stages as the image side "
                    + input.get(2) + "×" + input.get(3) + " can halve exactly", conv.channels(), null);
        }
    }

    /** @param extra blocks after the encoder and decoder; @return the parameters trained: encoder, decoder, extras */
    List<Parameter> parameters(Block... extra) {
        List<Parameter> out = new ArrayList<>(encoder.getParameters().values());
        out.addAll(decoder.getParameters().values());
        for (Block b : extra) {
            out.addAll(b.getParameters().values());
        }
        return out;
    }

    /**
     * @param code {@code (N, q)}
     * @param training whether gradients are recorded
     * @return the decoder's logits {@code (N, C, H, W)}
     */
    NDArray decode(NDArray code, boolean training) {
        return decoder.forward(store, new NDList(code), training).singletonOrThrow();
    }

    /**
     * @param x {@code (N, C, H, W)}
     * @return the decoder's logits for the code of x, without recording gradients
     */
    NDArray roundTrip(NDArray x) {
        return decode(encoder.trace(store, x, false).code(), false);
    }

    /**
     * @param images an array
     * @param scope a manager
     * @return a copy of the array attached to {@code scope}
     */
    static NDArray copyInto(NDArray images, NDManager scope) {
        NDArray x = images.duplicate();
        x.attach(scope);
        return x;
    }

    /**
     * @param w {@code (d, k)}
     * @return w with every column scaled to unit Euclidean norm (norms floored at 1e-8)
     */
    static NDArray unitColumns(NDArray w) {
        return w.div(Scalars.maximum(w.square().sum(new int[] {0}, true).sqrt(), MIN_NORM));
    }

    /**
     * Rescales the columns of a trained matrix (PSD's atoms, the SAE's decoder) to unit norm, in place,
     * with the temporaries in a scope of their own.
     *
     * @param w {@code (d, k)}, changed in place
     */
    static void normaliseColumnsInPlace(NDArray w) {
        try (NDManager scope = w.getManager().newSubManager()) {
            w.set(new NDIndex(":"), unitColumns(copyInto(w, scope)));
        }
    }

    /**
     * @param model the model section, with an {@code ae_mlp} or {@code ae_conv} encoder
     * @return the encoder's {@code code_activation}
     */
    static String codeActivation(ModelSpec model) {
        return model.encoder() instanceof AeMlpSpec m ? m.codeActivation() : ((AeConvSpec) model.encoder()).codeActivation();
    }

    /**
     * @param images {@code (N, C, H, W)} the originals, first column
     * @param columns further columns of the same shape
     * @return a PNG with one row per image
     */
    static byte[] grid(NDArray images, NDArray... columns) {
        return PreviewGrid.png(images, new NDList(columns), ZOOM);
    }

    /**
     * Draws vectors as images (atoms, components), 8 per row, each rescaled to [0, 1] by its own
     * minimum and maximum.
     *
     * @param vectors {@code (k, C·H·W)}
     * @param image {@code (C, H, W)}
     * @param most the most vectors drawn (the first ones)
     * @return a PNG
     */
    static byte[] tiles(NDArray vectors, Shape image, int most) {
        int k = (int) Math.min(most, vectors.getShape().get(0));
        int perRow = Math.min(TILES_PER_ROW, k);
        int rows = k / perRow;
        NDArray a = vectors.get(new NDIndex("0:" + rows * perRow));
        NDArray lo = a.min(new int[] {1}, true);
        NDArray hi = a.max(new int[] {1}, true);
        NDArray grid = a.sub(lo).div(Scalars.maximum(hi.sub(lo), 1e-8)).reshape(new Shape(rows, perRow).addAll(image));
        NDArray[] cols = new NDArray[perRow - 1];
        for (int c = 1; c < perRow; c++) {
            cols[c - 1] = grid.get(new NDIndex(":, " + c));
        }
        return grid(grid.get(new NDIndex(":, 0")), cols);
    }

    /**
     * @param images a whole image set
     * @param manager where the array lives
     * @param type FLOAT32 or FLOAT64
     * @return {@code (n, C·H·W)} the flattened images in [0, 1]
     */
    static NDArray flatImages(ImageSet images, NDManager manager, DataType type) {
        NDArray x = ArrayIO.upload(manager, images.toFloats(), new Shape(images.size(), images.imageSize()));
        return type == DataType.FLOAT32 ? x : x.toType(type, false);
    }
}
