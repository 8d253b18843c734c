package dev.brisk.internal.server;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/** The {@code Date} header value, formatted once a second instead of once per response. */
final class DateHeader {
    private static volatile AsciiString value = format();

    private DateHeader() {}

    static AsciiString value() {
        return value;
    }

    static void refresh() {
        value = format();
    }

    private static AsciiString format() {
        return AsciiString.cached(DateFormatter.format(new Date()));
    }
}
