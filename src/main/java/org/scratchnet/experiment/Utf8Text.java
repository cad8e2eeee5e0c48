package org.scratchnet.experiment;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.scratchnet.UserException;

/**
 * Decodes a text file as strict UTF-8, and when it is not, says where: Java's own message for a
 * bad byte is "Input length = 1", which tells a user nothing. The message gives the line, the
 * column and the offending bytes, and the usual cause (a file saved as Latin-1 or UTF-16).
 */
final class Utf8Text {
    private Utf8Text() {}

    static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) throw invalid(bytes, in.position(), result.length(), source);
        result = decoder.flush(out);
        if (result.isError()) throw invalid(bytes, in.position(), result.length(), source);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static UserException invalid(byte[] bytes, int offset, int length, String source) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // the column in characters: count the bytes that start a UTF-8 character
        int column = 1;
        for (int i = lineStart; i < offset; i++) if ((bytes[i] & 0xC0) != 0x80) column++;
        StringBuilder hex = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, length)); i++) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return new UserException(source + " is not UTF-8 text: byte" + (length > 1 ? "s " : " ") + hex + " at line " + line
                + ", column " + column + " (byte offset " + offset + ") is not valid UTF-8; save the file as UTF-8");
    }
}
