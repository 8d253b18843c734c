package dev.brisk.tfb;

/** A row of TFB's {@code world} table; serialised as {@code {"id":..,"randomNumber":..}}. */
public record World(int id, int randomNumber) {
}
