/**
 * What {@code vbench bench} needs besides the determinizer: native commands (setup and wall-time
 * runs), wall-time statistics, the working directory of a traced guest, and progress on a terminal.
 */
package dev.vbench.cli.bench;
