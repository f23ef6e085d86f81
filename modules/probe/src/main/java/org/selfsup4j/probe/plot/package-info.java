/**
 * Headless PNG charts (bars, lines, scatter) for reports and benchmark pages.
 */
package org.selfsup4j.probe.plot;
