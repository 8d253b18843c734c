package dev.brisk.lab.experiments;

/** An experiment could not run or its server answered something unusable; the message is one line for the user. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }
}
