/** Reading and writing result files: schema check, JSON mapping, atomic replacement on disk. */
package dev.vbench.reports.io;
