package dev.brisk.examples.openapi;

import java.nio.file.Path;

/** {@link NodeTools} for browser tests outside this package (the WebSocket proof uses the same Playwright). */
public final class NodeToolsAccess {
    public static final Path CHROMIUM = NodeTools.CHROMIUM;

    private NodeToolsAccess() {}

    /** The tools directory holding playwright-core (installed on first use; the test is skipped if it cannot be). */
    public static Path playwright() {
        return NodeTools.ensure(NodeTools.PLAYWRIGHT);
    }
}
