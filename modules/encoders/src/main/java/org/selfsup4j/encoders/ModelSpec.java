package org.selfsup4j.encoders;

/**
 * The recipe's {@code model} section: a backbone and its projection head.
 *
 * @param encoder the backbone {@code f}
 * @param head the projection head {@code g}
 */
public record ModelSpec(EncoderSpec encoder, ProjectionHeadSpec head) {
    /** @return the default ConvNet with the default head */
    public static ModelSpec defaults() {
        return new ModelSpec(ConvNetSpec.defaults(), ProjectionHeadSpec.defaults());
    }
}
