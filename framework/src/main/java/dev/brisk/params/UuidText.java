package dev.brisk.params;

import java.util.UUID;

/** UUID text in the forms pydantic accepts, with the Rust {@code uuid} crate's error wording. */
final class UuidText {
    private static final int[] GROUPS = {8, 4, 4, 4, 12};

    private UuidText() {}

    private static String strip(String s) {
        String t = s;
        if (t.regionMatches(true, 0, "urn:uuid:", 0, 9)) t = t.substring(9);
        else if (t.length() >= 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') t = t.substring(1, t.length() - 1);
        return t;
    }

    /** {@code null} if {@code s} is a UUID, else why not. */
    static String problem(String s) {
        String t = strip(s);
        int offset = s.length() - t.length() - (s.endsWith("}") && s.startsWith("{") ? 1 : 0);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.digit(c, 16) < 0 && c != '-') {
                return "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `"
                        + c + "` at " + (i + offset + 1);
            }
        }
        if (t.indexOf('-') < 0) {
            return t.length() == 32 ? null : "invalid length: expected length 32 for simple format, found " + t.length();
        }
        String[] groups = t.split("-", -1);
        if (groups.length != 5) return "invalid group count: expected 5, found " + groups.length;
        for (int g = 0; g < 5; g++) {
            if (groups[g].length() != GROUPS[g]) {
                return "invalid group length in group " + g + ": expected " + GROUPS[g] + ", found " + groups[g].length();
            }
        }
        return null;
    }

    /** Parses a UUID {@link #problem} accepted. */
    static UUID parse(String s) {
        String hex = strip(s).replace("-", "");
        return new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
    }
}
