/**
 * Distances, miners and tuples, and the losses on embeddings (Siamese contrastive, triplet,
 * N-pairs, InfoNCE, SupCon, alignment-uniformity), hard-negative weighting, the MoCo memory bank,
 * MoCHi, and the autoencoders' penalties. Every loss is a DJL {@code Loss}.
 */
package org.selfsup4j.losses;
