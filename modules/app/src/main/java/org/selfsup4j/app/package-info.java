/**
 * The application layer: the jobs behind the commands (pretrain, probe, embed, sae, subspace,
 * benchmark), run and benchmark reports, encoder export, the augmentation preview and the online
 * probe.
 */
package org.selfsup4j.app;
