/**
 * Training: the loop and its listeners, the schedule, resumable optimizers, checkpoints and
 * training states, and the methods (contrastive, metric, predictive) behind the {@link
 * org.selfsup4j.train.MethodSpec} contract, which declares what each method reads.
 */
package org.selfsup4j.train;
