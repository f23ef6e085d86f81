/**
 * Numerical methods on arrays that are neither training nor evaluation: k-means (k-means++ seeding,
 * Lloyd iterations) and float64 covariance. Used by the PCA and k-means baselines and by the
 * embedding metrics.
 */
package org.selfsup4j.stats;
