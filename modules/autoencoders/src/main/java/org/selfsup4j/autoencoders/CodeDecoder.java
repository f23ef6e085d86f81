package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.EncoderSpec;

/**
 * An autoencoder's decoder {@code g: (N, q) → (N, C, H, W)} mirroring its encoder, returning
 * <em>logits</em> (pre-activations of the output layer; {@link ReconstructionLoss} applies the output
 * activation). For {@link AeMlpSpec}: the encoder's widths in reverse, each {@code Linear → s}, then
 * {@code Linear(C·H·W)} reshaped to the image. For {@link AeConvSpec}: {@code Linear(c_L·(H/2^L)·(W/2^L)) → s},
 * a reshape, then per stage in reverse a 2× nearest-neighbour upsampling and a {@code 3×3} convolution
 * (pad 1) to the previous stage's width, with {@code s} between them and C channels last (DJL's PyTorch
 * engine has no transposed convolution; upsample-then-convolve also avoids its checkerboard artefacts).
 */
public final class CodeDecoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Linear> dense = new ArrayList<>();
    private final List<Conv2d> up = new ArrayList<>();
    private final Linear out;
    private final CodeActivation activation;
    private final Shape image;
    private final Shape grid;

    /**
     * @param encoder the encoder spec to mirror ({@link AeMlpSpec} or {@link AeConvSpec})
     * @param image {@code (C, H, W)} of the reconstructions
     */
    public CodeDecoder(EncoderSpec encoder, Shape image) {
        super(VERSION);
        this.image = image;
        if (encoder instanceof AeMlpSpec mlp) {
            this.activation = CodeActivation.parse("activation", mlp.activation());
            for (int i = mlp.widths().size() - 1; i >= 0; i--) {
                dense.add(addChildBlock("dense" + i, Linear.builder().setUnits(mlp.widths().get(i)).build()));
            }
            this.out = addChildBlock("out", Linear.builder().setUnits(image.size()).build());
            this.grid = null;
        } else if (encoder instanceof AeConvSpec conv) {
            this.activation = CodeActivation.parse("activation", conv.activation());
            List<Integer> ch = conv.channels();
            int r = conv.reduction();
            this.grid = new Shape(ch.get(ch.size() - 1), image.get(1) / r, image.get(2) / r);
            this.out = addChildBlock("grid", Linear.builder().setUnits(grid.size()).build());
            for (int i = ch.size() - 1; i >= 0; i--) {
                int filters = i == 0 ? (int) image.get(0) : ch.get(i - 1);
                up.add(addChildBlock("up" + i, Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).setFilters(filters).build()));
            }
        } else {
            throw SelfsupException.of("model.encoder.type", "", "ae_mlp or ae_conv for an autoencoder method",
                    encoder.getClass().getSimpleName(), "the decoder mirrors the encoder");
        }
    }

    /** @return the last layer's weight: {@code (C·H·W, h)} for a dense decoder */
    public Parameter outWeight() {
        return out.getParameters().get("weight");
    }

    /** @return the last dense layer's bias */
    public Parameter outBias() {
        return out.getParameters().get("bias");
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        long n = h.getShape().get(0);
        for (Linear l : dense) {
            h = activation.apply(l.forward(ps, new NDList(h), training).singletonOrThrow());
        }
        h = out.forward(ps, new NDList(h), training).singletonOrThrow();
        if (grid == null) {
            return new NDList(h.reshape(new Shape(n).addAll(image)));
        }
        h = activation.apply(h).reshape(new Shape(n).addAll(grid));
        for (int i = 0; i < up.size(); i++) {
            h = up.get(i).forward(ps, new NDList(upsample(h)), training).singletonOrThrow();
            if (i < up.size() - 1) {
                h = activation.apply(h);
            }
        }
        return new NDList(h);
    }

    /**
     * @param x {@code (N, C, H, W)}
     * @return {@code (N, C, 2H, 2W)}, each value repeated in a 2×2 block (nearest-neighbour upsampling)
     */
    static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1)
                .broadcast(new Shape(s.get(0), s.get(1), s.get(2), 2, s.get(3), 2))
                .reshape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0)).addAll(image)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Linear l : dense) {
            l.initialize(manager, dataType, s);
            s = l.getOutputShapes(new Shape[] {s})[0];
        }
        out.initialize(manager, dataType, s);
        s = new Shape(s.get(0)).addAll(grid == null ? image : grid);
        for (Conv2d d : up) {
            s = new Shape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
            d.initialize(manager, dataType, s);
            s = d.getOutputShapes(new Shape[] {s})[0];
        }
    }
}
