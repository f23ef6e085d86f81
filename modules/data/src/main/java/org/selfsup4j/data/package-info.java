/**
 * Datasets and sampling: the IDX reader, Fashion-MNIST resolution and loading, image sets, random
 * and M-per-class batch samplers, and a background prefetcher.
 */
package org.selfsup4j.data;
