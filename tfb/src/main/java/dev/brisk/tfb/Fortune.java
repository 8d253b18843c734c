package dev.brisk.tfb;

/** A row of TFB's {@code fortune} table. */
public record Fortune(int id, String message) implements Comparable<Fortune> {
    /** TFB's rule: the fortunes page shows the rows sorted by message. */
    @Override
    public int compareTo(Fortune o) {
        return message.compareTo(o.message);
    }
}
