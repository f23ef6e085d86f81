/**
 * Backbones (MLP, ConvNet, ResNet-18/34, ViT) and projection heads, composed into the L2-normalised
 * {@link org.selfsup4j.encoders.HypersphereNetwork}; {@link org.selfsup4j.encoders.ModelSpec} is a
 * recipe's {@code model} section.
 */
package org.selfsup4j.encoders;
