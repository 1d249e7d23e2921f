package org.livepeer.trickle;

import java.net.URI;
import java.net.URISyntaxException;

/** A trickle channel URL and the URLs derived from it: segments, {@code /next}, a form safe to print. */
final class ChannelUrl {

    private final URI channel;
    private final String safe;

    private ChannelUrl(URI channel) {
        this.channel = channel;
        String port = channel.getPort() == -1 ? "" : ":" + channel.getPort();
        this.safe = channel.getScheme() + "://" + channel.getHost() + port + channel.getRawPath();
    }

    static ChannelUrl parse(String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) channel URL: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("channel URL has no channel name: " + url);
        }
        return new ChannelUrl(withPath(uri, path));
    }

    URI channel() {
        return channel;
    }

    URI segment(long seq) {
        return child(Long.toString(seq));
    }

    URI next() {
        return child("next");
    }

    boolean isSecure() {
        return "https".equals(channel.getScheme());
    }

    /** Scheme, host, port and path of the channel; no user info or query. */
    @Override
    public String toString() {
        return safe;
    }

    /** As {@link #toString()}, for a segment. */
    String safeSegment(long seq) {
        return safe + "/" + seq;
    }

    private URI child(String name) {
        return withPath(channel, channel.getRawPath() + "/" + name);
    }

    private static URI withPath(URI base, String rawPath) {
        try {
            String authority = base.getRawAuthority();
            String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
            return new URI(base.getScheme() + "://" + authority + rawPath + query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid channel URL", e);
        }
    }
}
