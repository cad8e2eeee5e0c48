package org.scratchnet.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of a data set's examples as read, so a model can say which file its test part
 * was held out of and a later run can check it has the same rows.
 *
 * <p>SHA-256 over, per example in order, its label (one byte; 255 when there are none) and its
 * pixels (value x 255 rounded, one byte each). Hashing what was read rather than the file's bytes
 * means the same rows match whether the file is gzipped or not, or has other line endings.
 */
public final class ContentHash {

    private ContentHash() {}

    /** Lower-case hex SHA-256 of {@code d}'s labels and pixels. */
    public static String sha256(Dataset d) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        byte[] row = new byte[1 + d.features];
        for (int i = 0; i < d.size; i++) {
            row[0] = (byte) (d.labels == null ? 255 : d.labels[i]);
            int base = i * d.features;
            for (int k = 0; k < d.features; k++) {
                float v = Math.max(0f, Math.min(1f, d.x[base + k]));
                row[1 + k] = (byte) Math.round(v * 255f);
            }
            sha.update(row);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
