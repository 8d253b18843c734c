/**
 * The code of docs/tutorial.md: every {@code java} block of the tutorial is a region between
 * {@code // docs:begin NAME} and {@code // docs:end} in these classes (or the existing tutorial apps, or
 * the testing chapter's test), and DocsTest checks the tutorial quotes them verbatim and runs them.
 */
package dev.brisk.examples.docs;
