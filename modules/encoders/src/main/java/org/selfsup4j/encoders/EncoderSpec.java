package org.selfsup4j.encoders;

import ai.djl.nn.Block;

/**
 * A backbone {@code f}: images {@code (N, C, H, W)} → features {@code (N, featureDim)}. The
 * representation that probes evaluate is {@code f(x)}, one layer below the projection head.
 */
public interface EncoderSpec {
    /** @return a new, uninitialised block */
    Block build();

    /** @return the feature dimension of the block's output */
    int featureDim();
}
