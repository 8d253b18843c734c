package dev.brisk.internal.server;

import io.netty.util.AsciiString;

/**
 * The {@code Date} header value, formatted once a second instead of once per response. Written here
 * rather than with Netty's {@code DateFormatter} or {@code java.time}'s formatters: those go through a
 * {@code Calendar} or the JDK's locale providers, whose first use loads and parses the CLDR locale data
 * (a quarter second of start-up on a busy machine) for an English-only fixed format.
 */
final class DateHeader {
    private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};   // 1970-01-01 was a Thursday
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static volatile AsciiString value = AsciiString.cached(format(System.currentTimeMillis()));

    private DateHeader() {}

    static AsciiString value() {
        return value;
    }

    static void refresh() {
        value = AsciiString.cached(format(System.currentTimeMillis()));
    }

    /** RFC 9110's IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    static String format(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil inverse)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder b = new StringBuilder(29)
                .append(DAYS[(int) Math.floorMod(days, 7L)]).append(", ");
        two(b, day).append(' ').append(MONTHS[month - 1]).append(' ').append(year).append(' ');
        two(b, secondOfDay / 3600).append(':');
        two(b, secondOfDay / 60 % 60).append(':');
        return two(b, secondOfDay % 60).append(" GMT").toString();
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
