/**
 * Foundations every module shares: the house error format ({@link
 * org.selfsup4j.core.SelfsupException}, {@link org.selfsup4j.core.Checks}), the seed tree and
 * seeded device randomness, device choice, run directories and provenance, graceful stops on
 * signals, and small array and JSON helpers.
 */
package org.selfsup4j.core;
