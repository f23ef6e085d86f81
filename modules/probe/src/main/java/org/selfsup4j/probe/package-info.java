/**
 * Evaluation of frozen features: extraction, the L-BFGS linear probe, kNN, embedding metrics,
 * clustering, Hamming retrieval, exports and maps, and {@code probe.json}.
 */
package org.selfsup4j.probe;
