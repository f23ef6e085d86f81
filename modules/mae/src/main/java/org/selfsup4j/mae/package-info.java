/**
 * Masked-autoencoder pretraining (He et al., CVPR 2022): per-image patch masking, a ViT on the
 * visible patches, a light decoder, a loss on the hidden patches.
 */
package org.selfsup4j.mae;
