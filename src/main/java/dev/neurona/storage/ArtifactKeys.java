package dev.neurona.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The key rules and the fingerprint every store shares, so a key refused by one is refused by all. */
final class ArtifactKeys {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private ArtifactKeys() {}

    /** The key itself, when it can name neither a parent directory nor an absolute path. */
    static String requireSafe(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches() || key.contains("..") || isDotSegment(key)) {
            throw new IllegalArgumentException("unsafe artifact key " + key);
        }
        return key;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    // "a/./b" is a different S3 key from "a/b" but the same file: refuse it rather than let the stores disagree
    private static boolean isDotSegment(String key) {
        for (String segment : key.split("/")) {
            if (segment.equals(".")) {
                return true;
            }
        }
        return false;
    }
}
