/**
 * One small app per feature, after FastAPI's tutorial pages, each driven by a test in
 * {@code examples/src/test} through {@link dev.brisk.testing.BriskTestClient}:
 * {@link dev.brisk.examples.tutorial.MiddlewareTutorial} (custom middleware),
 * {@link dev.brisk.examples.tutorial.CorsTutorial}, {@link dev.brisk.examples.tutorial.GZipTutorial},
 * {@link dev.brisk.examples.tutorial.ErrorsTutorial} (HttpException, exception handlers),
 * {@link dev.brisk.examples.tutorial.DependenciesTutorial} (Depends, sub-dependencies, cleanup),
 * {@link dev.brisk.examples.tutorial.BackgroundTasksTutorial} and
 * {@link dev.brisk.examples.tutorial.LifespanTutorial}. Each has a {@code main} that serves on port 8000.
 */
package dev.brisk.examples.tutorial;
