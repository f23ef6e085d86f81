/**
 * Batched image augmentations as NDArray ops on the training device, pipelines, view groups,
 * presets, multi-crop, and the preview grid; {@link org.selfsup4j.augment.ViewsSpec} is a recipe's
 * {@code augment} section.
 */
package org.selfsup4j.augment;
