package org.selfsup4j.encoders;

import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code model} section: a backbone, its projection head, and an optional predictor.
 *
 * @param encoder the backbone {@code f}
 * @param head the projection head {@code g}
 * @param predictor a predictor on top of {@code g} (BYOL/SimSiam style) whose output dimension equals the
 *     head's, or {@code null} for none (default)
 */
public record ModelSpec(EncoderSpec encoder, HeadSpec head, HeadSpec predictor) {
    /** Checks the predictor's output dimension. */
    public ModelSpec {
        if (predictor != null && predictor.outDim() != head.outDim()) {
            throw SelfsupException.of("predictor.out", "", "the head's output dimension " + head.outDim(),
                    predictor.outDim(), null);
        }
    }

    /**
     * @param encoder the backbone
     * @param head the projection head
     */
    public ModelSpec(EncoderSpec encoder, HeadSpec head) {
        this(encoder, head, null);
    }

    /** @return the default ConvNet with the default head and no predictor */
    public static ModelSpec defaults() {
        return new ModelSpec(ConvNetSpec.defaults(), ProjectionHeadSpec.defaults(), null);
    }
}
