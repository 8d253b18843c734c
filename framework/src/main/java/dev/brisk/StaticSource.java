package dev.brisk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Where {@link StaticFiles} finds its files: a directory on disk, or class-path resources. */
sealed interface StaticSource {

    /** What a lookup found: a directory, or a file with its size and modification time. */
    interface Entry {
        String name();
        List<String> segments();
        boolean directory();
        long size();
        long modifiedMillis();
        byte[] bytes();
        /** A 200 response carrying {@code length} bytes from {@code offset}. */
        Response body(String contentType, long offset, long length);
    }

    /** The entry for {@code segments} (already checked by {@link StaticRequests#segments}), or null. */
    Entry find(List<String> segments);

    /** The regular-file sibling {@code name + suffix} of a file (a precompressed variant), or null. */
    default Entry sibling(Entry file, String suffix) {
        List<String> s = new ArrayList<>(file.segments());
        if (s.isEmpty()) return null;
        s.set(s.size() - 1, s.getLast() + suffix);
        Entry e = find(s);
        return e == null || e.directory() ? null : e;
    }

    private static String lastName(List<String> segments) {
        return segments.isEmpty() ? "" : segments.getLast();
    }

    /** Files under a real (symbolic links resolved) directory. */
    record Directory(Path root) implements StaticSource {
        @Override
        public Entry find(List<String> segments) {
            Path p = root;
            for (String s : segments) p = p.resolve(s);
            Path real;
            BasicFileAttributes attrs;
            try {
                real = p.toRealPath();
                // a symbolic link (anywhere along the path) that leads out of the directory
                if (!real.startsWith(root)) return null;
                attrs = Files.readAttributes(real, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                return null; // unreadable, a loop of links, a name the file system refuses: not servable
            }
            if (!attrs.isDirectory() && !attrs.isRegularFile()) return null;
            if (attrs.isRegularFile() && !Files.isReadable(real)) return null;
            return new FileEntry(real, segments, attrs.isDirectory(), attrs.size(), attrs.lastModifiedTime().toMillis());
        }
    }

    record FileEntry(Path path, List<String> segments, boolean directory, long size, long modifiedMillis) implements Entry {
        @Override public String name() { return lastName(segments); }

        @Override
        public byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Response body(String contentType, long offset, long length) {
            return Response.fileRegion(path, offset, length, contentType);
        }
    }

    record BytesEntry(List<String> segments, boolean directory, byte[] data, long modifiedMillis) implements Entry {
        @Override public String name() { return lastName(segments); }
        @Override public long size() { return data.length; }
        @Override public byte[] bytes() { return data; }

        @Override
        public Response body(String contentType, long offset, long length) {
            byte[] slice = offset == 0 && length == data.length ? data
                    : Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
            return Response.bytes(200, contentType, slice);
        }
    }

    /**
     * Class-path resources under {@code base}. Resources inside a jar never change while the app runs,
     * so they are read once and kept; resources in a directory (a development build) are read each time
     * and, like a {@link Directory}, must not lead outside it through a symbolic link.
     */
    final class Classpath implements StaticSource {
        private final String base;
        private final ClassLoader loader;
        private final long started = System.currentTimeMillis();
        private final ConcurrentHashMap<String, Entry> jarCache = new ConcurrentHashMap<>();

        Classpath(String base, ClassLoader loader) {
            this.base = base;
            this.loader = loader;
        }

        @Override
        public Entry find(List<String> segments) {
            String name = base.isEmpty() ? String.join("/", segments)
                    : segments.isEmpty() ? base : base + "/" + String.join("/", segments);
            if (name.isEmpty()) return null;
            Entry cached = jarCache.get(name);
            if (cached != null) return cached;
            URL url = loader.getResource(name);
            if (url == null) {
                // a directory inside a jar is an entry named with a trailing slash
                URL dir = loader.getResource(name + "/");
                return dir != null && "jar".equals(dir.getProtocol()) ? new BytesEntry(segments, true, new byte[0], started) : null;
            }
            try {
                return switch (url.getProtocol()) {
                    case "file" -> fromFile(Path.of(url.toURI()), segments, name);
                    case "jar" -> fromJar(url, segments, name);
                    default -> null;
                };
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private Entry fromFile(Path p, List<String> segments, String name) throws IOException {
            Path top = p;
            for (int i = 0; i < name.split("/").length; i++) top = top.getParent();
            Path real = p.toRealPath();
            Path boundary = top.resolve(base).toRealPath();
            if (!real.startsWith(boundary)) return null;
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attrs.isDirectory() && !attrs.isRegularFile()) return null;
            return new FileEntry(real, segments, attrs.isDirectory(), attrs.size(), attrs.lastModifiedTime().toMillis());
        }

        private Entry fromJar(URL url, List<String> segments, String name) throws IOException {
            URLConnection c = url.openConnection();
            if (c instanceof JarURLConnection j && j.getJarEntry() != null && j.getJarEntry().isDirectory()) {
                return new BytesEntry(segments, true, new byte[0], started);
            }
            long modified = c.getLastModified() > 0 ? c.getLastModified() : started;
            byte[] data;
            try (InputStream in = c.getInputStream()) {
                data = in.readAllBytes();
            }
            Entry e = new BytesEntry(segments, false, data, modified);
            jarCache.putIfAbsent(name, e);
            return e;
        }
    }
}
