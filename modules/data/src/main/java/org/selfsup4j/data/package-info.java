/**
 * Datasets and sampling: the dataset formats ({@link org.selfsup4j.data.Datasets}: Fashion-MNIST,
 * MNIST, any IDX pair, CIFAR-10/100, STL-10, image folders), the decoded, memory-mapped cache, image
 * sets and their splits, random and M-per-class batch samplers, and a background prefetcher.
 */
package org.selfsup4j.data;
