package dev.brisk.params;

/**
 * How much a form body may hold, like Starlette's {@code request.form(max_files=1000, max_fields=1000)}:
 * text fields, file parts, and parts of any kind in a multipart body. Each limit exceeded answers 400
 * with Starlette's message, e.g. {@code {"detail":"Too many files. Maximum number of files is 1000."}}.
 * Set per app with {@code BriskConfig.maxFormFields/maxFormFiles/maxFormParts}.
 *
 * @param maxParts parts of any kind in a multipart body (unnamed ones included)
 * @param maxFields text fields (multipart or urlencoded)
 * @param maxFiles file parts
 */
public record FormLimits(int maxParts, int maxFields, int maxFiles) {
    /** Starlette's defaults: 1000 fields, 1000 files; at most 2000 parts in all. */
    public static final FormLimits DEFAULT = new FormLimits(2000, 1000, 1000);

    public FormLimits {
        if (maxParts < 0 || maxFields < 0 || maxFiles < 0) throw new IllegalArgumentException("negative form limit");
    }

    /** Implemented by requests that carry their app's limits (internal). */
    public interface Source {
        FormLimits formLimits();
    }
}
