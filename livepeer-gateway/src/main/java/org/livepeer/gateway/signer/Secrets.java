package org.livepeer.gateway.signer;

import java.util.Collection;

/** Keeps known secret values (header values, tokens) out of text that goes into messages and logs. */
public final class Secrets {

    /** Values shorter than this are too common to be told apart from ordinary text. */
    private static final int MIN_SECRET_CHARS = 4;

    private Secrets() {}

    /** {@code text} with every occurrence of a secret (and of its last word, e.g. a bearer token) replaced. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret == null) {
                continue;
            }
            out = replace(out, secret.trim());
            int space = secret.trim().lastIndexOf(' ');
            if (space >= 0) {
                out = replace(out, secret.trim().substring(space + 1));
            }
        }
        return out;
    }

    private static String replace(String text, String secret) {
        return secret.length() < MIN_SECRET_CHARS ? text : text.replace(secret, "xxxxxx");
    }
}
