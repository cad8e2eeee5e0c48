package org.scratchnet.serve;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scratchnet.Count;
import org.scratchnet.OneLine;

/**
 * Reads the JSON form of a prediction request, {@code {"pixels": [n numbers]}}: exactly the
 * network's inputs (784 for MNIST, row-major 28x28, white digit on black), each a number from 0 to
 * 1. The JSON must be strict (RFC 8259: no NaN, no comments, no trailing commas) and UTF-8; any
 * other key, a missing or repeated "pixels", a count other than n, or a value out of range is
 * refused with a message that says which and where.
 */
final class PixelsJson {
    static final String SHAPE = "{\"pixels\": [%d numbers from 0 to 1, row-major, white digit on black]}";
    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");

    private PixelsJson() {}

    /** The {@code n} pixels of {@code body}; an {@link HttpError} 400 saying what is wrong otherwise. */
    static float[] parse(byte[] body, int n) {
        String shape = String.format(Locale.ROOT, SHAPE, n);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "the body is not UTF-8 text; send JSON " + shape);
        }
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.setStrictness(Strictness.STRICT);
            if (in.peek() != JsonToken.BEGIN_OBJECT) throw new HttpError(400, "the body is not a JSON object; send " + shape);
            in.beginObject();
            float[] pixels = null;
            while (in.hasNext()) {
                String key = in.nextName();
                if (!"pixels".equals(key)) {
                    throw new HttpError(400, "unknown key \"" + OneLine.excerpt(key, 40) + "\"; send " + shape);
                }
                if (pixels != null) throw new HttpError(400, "\"pixels\" is given twice; send " + shape);
                pixels = readPixels(in, n, shape);
            }
            in.endObject();
            requireEnd(in, shape);
            if (pixels == null) throw new HttpError(400, "the JSON object has no \"pixels\"; send " + shape);
            return pixels;
        } catch (MalformedJsonException | java.io.EOFException e) {
            throw new HttpError(400, "the body is not valid JSON" + where(e.getMessage()) + "; send " + shape);
        } catch (IllegalStateException e) {
            // JsonReader's "Expected X but was Y": a value of the wrong kind.
            throw new HttpError(400, "the JSON does not have the expected shape" + where(e.getMessage()) + "; send " + shape);
        } catch (IOException e) {
            throw new HttpError(400, "the body is not valid JSON; send " + shape);  // a StringReader fails only on bad JSON
        }
    }

    /** Nothing but white space may follow the object (strict JSON has one top-level value). */
    private static void requireEnd(JsonReader in, String shape) throws IOException {
        boolean end;
        try {
            end = in.peek() == JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            end = false;  // a second value, which strict JSON refuses
        }
        if (!end) throw new HttpError(400, "the body holds more after the JSON object; send " + shape);
    }

    private static float[] readPixels(JsonReader in, int n, String shape) throws IOException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) throw new HttpError(400, "\"pixels\" is not an array; send " + shape);
        in.beginArray();
        float[] pixels = new float[n];
        int count = 0;
        while (in.hasNext()) {
            if (count == n) throw new HttpError(400, "\"pixels\" has more than " + n + " numbers; the model takes " + n + where(n));
            if (in.peek() != JsonToken.NUMBER) {
                throw new HttpError(400, "pixel " + count + position(count, n) + " is " + kind(in.peek())
                        + ", not a number; send " + shape);
            }
            double v = in.nextDouble();
            if (!(v >= 0 && v <= 1)) {
                throw new HttpError(400, String.format(Locale.ROOT, "pixel %d%s is %s, outside 0..1; scale 8-bit values by 1/255",
                        count, position(count, n), v));
            }
            pixels[count++] = (float) v;
        }
        in.endArray();
        if (count != n) throw new HttpError(400, "\"pixels\" has " + Count.of(count, "number") + "; the model takes " + n + where(n));
        return pixels;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case STRING -> "a string";
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> token.toString();
        };
    }

    /** " (row r, column c)" when the inputs form a square image. */
    private static String position(int index, int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? " (row " + index / side + ", column " + index % side + ")" : "";
    }

    private static String where(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? " (" + side + "x" + side + ", row-major, white digit on black)" : "";
    }

    /** " (at line L, column C)" from a Gson message, which otherwise names Gson's own settings. */
    private static String where(String gsonMessage) {
        Matcher m = WHERE.matcher(gsonMessage == null ? "" : gsonMessage);
        return m.find() ? " (at line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }
}
