package org.selfsup4j.encoders;

import ai.djl.nn.Block;

/**
 * A head on top of the backbone: the projection head {@code g} (the loss sees {@code g(f(x))}) or a
 * predictor (BYOL/SimSiam style, on top of {@code g}). Input {@code (N, in)} (inferred at
 * initialisation), output {@code (N, outDim())}.
 */
public interface HeadSpec {
    /** @return a new, uninitialised block */
    Block build();

    /** @return the output dimension */
    int outDim();
}
