package org.livepeer.simulator.ai;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generated files kept for download, as go-livepeer's per-request memory storage keeps them. Bounded
 * by count and by bytes; the oldest files are dropped first.
 */
final class DownloadStore {

    /** Path prefix of stored files on the orchestrator, as go-livepeer's memory storage uses. */
    static final String PATH_PREFIX = "/stream/";

    record StoredFile(String contentType, byte[] bytes) {}

    private final int maxFiles;
    private final long maxBytes;
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long totalBytes;

    DownloadStore(int maxFiles, long maxBytes) {
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** A new random request folder name, like go-livepeer's per-request storage session. */
    String newFolder() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Stores {@code bytes} and returns the path it is served at. */
    synchronized String put(String folder, String extension, String contentType, byte[] bytes) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        String path = PATH_PREFIX + folder + "/" + HexFormat.of().formatHex(id) + extension;
        files.put(path, new StoredFile(contentType, bytes));
        totalBytes += bytes.length;
        evict();
        return path;
    }

    synchronized StoredFile get(String path) {
        return files.get(path);
    }

    synchronized int size() {
        return files.size();
    }

    private void evict() {
        Iterator<StoredFile> oldestFirst = files.values().iterator();
        while ((files.size() > maxFiles || totalBytes > maxBytes) && oldestFirst.hasNext()) {
            totalBytes -= oldestFirst.next().bytes().length;
            oldestFirst.remove();
        }
    }
}
