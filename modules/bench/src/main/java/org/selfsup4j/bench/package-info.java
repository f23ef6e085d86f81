/**
 * Developer benchmarks run by {@code eval/bench-*.sh} (losses, augmentations, encoders); built as
 * {@code selfsup-bench.jar}, not part of the shipped command line.
 */
package org.selfsup4j.bench;
