package dev.brisk;

import java.time.Duration;
import java.util.Objects;

/**
 * The request limits and connection timeouts of a {@link BriskConfig}: the part of it that bounds what
 * one client may send and how long it may take. Not used on its own: its setters are BriskConfig's.
 */
abstract sealed class RequestLimits permits BriskConfig {
    int maxBodySize = 10 * 1024 * 1024;
    int spillThreshold = 1024 * 1024;
    int maxHeaderSize = 8 * 1024;
    int maxUriLength = 8 * 1024;
    Duration idleTimeout = Duration.ofSeconds(60);
    Duration headTimeout = Duration.ofSeconds(30);
    int maxConnections;
    int maxFormFields = 1000;
    int maxFormFiles = 1000;
    int maxFormParts = 2000;

    RequestLimits() {}

    /** Throws if the configuration is read-only (a running app's). */
    abstract void mutable();

    private BriskConfig self() {
        return (BriskConfig) this;
    }

    /** Largest request body in bytes (default 10 MiB); larger gets 413. */
    public BriskConfig maxBodySize(int value) {
        mutable();
        this.maxBodySize = value;
        return self();
    }

    /**
     * Request bodies larger than this (default 1 MiB) are written to a temporary file while they arrive
     * instead of being held on the heap; uploads then bind as slices of that file, which is deleted
     * after the response.
     */
    public BriskConfig spillThreshold(int value) {
        mutable();
        if (value < 0) throw new IllegalArgumentException("spill threshold must be >= 0");
        this.spillThreshold = value;
        return self();
    }

    /** Largest header block in bytes (default 8 KiB); larger gets 431. */
    public BriskConfig maxHeaderSize(int value) {
        mutable();
        this.maxHeaderSize = value;
        return self();
    }

    /** Longest request target in characters (default 8 KiB); longer gets 414. */
    public BriskConfig maxUriLength(int value) {
        mutable();
        this.maxUriLength = value;
        return self();
    }

    /** Idle keep-alive connections are closed after this (default 60 s). */
    public BriskConfig idleTimeout(Duration value) {
        mutable();
        this.idleTimeout = Objects.requireNonNull(value);
        return self();
    }

    /**
     * The deadline for a complete request head (request line and headers), counted from its first
     * byte (default 30 s). A client that trickles a head slower than this (slowloris) is answered 408
     * and closed, whatever the idle timeout, which each byte would reset. 30 s is generous for any
     * real client (a head is at most {@link #maxHeaderSize} bytes) and within the range of nginx's
     * {@code client_header_timeout} (60 s) and Apache's {@code RequestReadTimeout header=20-40}.
     * {@link Duration#ZERO}: no deadline.
     */
    public BriskConfig headTimeout(Duration value) {
        mutable();
        this.headTimeout = Objects.requireNonNull(value);
        return self();
    }

    /**
     * The most connections open at once; one more is answered 503 and closed (0, the default: no
     * limit — the in-flight limit and the OS's file limit bound the load instead).
     */
    public BriskConfig maxConnections(int value) {
        mutable();
        if (value < 0) throw new IllegalArgumentException("maxConnections must be >= 0");
        this.maxConnections = value;
        return self();
    }

    /** Text fields a form body may hold (default 1000, Starlette's {@code max_fields}); more is a 400. */
    public BriskConfig maxFormFields(int value) {
        mutable();
        this.maxFormFields = value;
        return self();
    }

    /** Files a multipart body may hold (default 1000, Starlette's {@code max_files}); more is a 400. */
    public BriskConfig maxFormFiles(int value) {
        mutable();
        this.maxFormFiles = value;
        return self();
    }

    /** Parts of any kind a multipart body may hold (default 2000); more is a 400. */
    public BriskConfig maxFormParts(int value) {
        mutable();
        this.maxFormParts = value;
        return self();
    }

    public int maxBodySize() { return maxBodySize; }
    public int spillThreshold() { return spillThreshold; }
    public int maxHeaderSize() { return maxHeaderSize; }
    public int maxUriLength() { return maxUriLength; }
    public Duration idleTimeout() { return idleTimeout; }
    public Duration headTimeout() { return headTimeout; }
    public int maxConnections() { return maxConnections; }
    public int maxFormFields() { return maxFormFields; }
    public int maxFormFiles() { return maxFormFiles; }
    public int maxFormParts() { return maxFormParts; }

    void copyLimitsTo(RequestLimits c) {
        c.maxBodySize = maxBodySize;
        c.spillThreshold = spillThreshold;
        c.maxHeaderSize = maxHeaderSize;
        c.maxUriLength = maxUriLength;
        c.idleTimeout = idleTimeout;
        c.headTimeout = headTimeout;
        c.maxConnections = maxConnections;
        c.maxFormFields = maxFormFields;
        c.maxFormFiles = maxFormFiles;
        c.maxFormParts = maxFormParts;
    }
}
