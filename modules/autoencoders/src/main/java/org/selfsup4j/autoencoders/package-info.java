/**
 * The autoencoder family and classical baselines: undercomplete, denoising, sparse and contractive
 * autoencoders, VAE, PSD, PCA and k-means as encoder/decoders, principal angles, and the sparse
 * autoencoder on a trained encoder's activations.
 */
package org.selfsup4j.autoencoders;
