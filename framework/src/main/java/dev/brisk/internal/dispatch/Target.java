package dev.brisk.internal.dispatch;

/** A request target split into its decoded-later path and raw query; absolute- and asterisk-form mapped to a path. */
record Target(String path, String query) {
    static Target of(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) path = path.substring(0, hash);
        if (!path.startsWith("/")) path = absolutePath(path);
        return new Target(path, query);
    }

    private static String absolutePath(String target) {
        // absolute-form (http://host/path) and asterisk-form requests
        int scheme = target.indexOf("://");
        if (scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return "/" + target;
    }
}
