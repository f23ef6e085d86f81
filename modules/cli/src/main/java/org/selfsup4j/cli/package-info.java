/**
 * The {@code selfsup} command line (Picocli): one command class per subcommand, flag checks, and
 * the mapping of errors and stops to one line and an exit status.
 */
package org.selfsup4j.cli;
