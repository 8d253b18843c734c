/** Internals of {@link dev.brisk.Settings}: the {@code .env} reader and the binder. */
package dev.brisk.internal.settings;
