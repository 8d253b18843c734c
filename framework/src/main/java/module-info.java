/**
 * Brisk: FastAPI's execution model and developer experience on Netty.
 *
 * <p>Only the API packages are exported. The request path ({@code dev.brisk.internal.dispatch}), the Netty
 * server ({@code dev.brisk.internal.server}), the router ({@code dev.brisk.internal.routing}), the stall
 * detector ({@code dev.brisk.internal.watchdog}), the app-services glue ({@code dev.brisk.internal.app}) and
 * the .env reader ({@code dev.brisk.internal.settings}) are internal: they may change in any release, and on
 * the module path they cannot be reached at all. {@code ArchitectureTest} checks that no exported
 * signature names an internal type.
 */
module dev.brisk {
    exports dev.brisk;
    exports dev.brisk.annotation;
    exports dev.brisk.client;
    exports dev.brisk.deps;
    exports dev.brisk.health;
    exports dev.brisk.json;
    exports dev.brisk.middleware;
    exports dev.brisk.observe;
    exports dev.brisk.openapi;
    exports dev.brisk.params;
    exports dev.brisk.routing;
    exports dev.brisk.security;
    exports dev.brisk.testing;
    exports dev.brisk.validation;
    exports dev.brisk.watchdog;

    // Types of these appear in Brisk's API (Json.mapper(), constraint annotations, BriskHttpClient.send).
    requires transitive tools.jackson.databind;
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive jakarta.validation;
    requires transitive java.net.http;
    requires transitive io.swagger.v3.oas.models;

    requires tools.jackson.core;
    requires org.hibernate.validator;
    requires org.slf4j;
    requires java.management;
    requires jdk.management;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.codec.compression;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.handler;
    // The native transports are optional: without them (macOS, other architectures) Brisk logs and uses NIO.
    requires static io.netty.transport.classes.epoll;
    requires static io.netty.transport.classes.io_uring;
}
