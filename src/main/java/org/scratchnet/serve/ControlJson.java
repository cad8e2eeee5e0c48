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
import org.scratchnet.OneLine;
import org.scratchnet.train.TrainingControl;

/**
 * Reads a control request of the dashboard, {@code POST /api/training/control}: a strict JSON
 * object with {@code "paused"} (true or false) and/or {@code "learning_rate"} (a number from
 * {@link TrainingControl#MIN_RATE} to {@link TrainingControl#MAX_RATE}), nothing else. NaN and
 * infinities are not JSON and are refused as such; a value of the wrong kind, out of range, given
 * twice, an unknown key or an empty object are refused saying which.
 */
final class ControlJson {
    static final String SHAPE = "{\"paused\": true or false} and/or {\"learning_rate\": a number from " + TrainingControl.MIN_RATE
            + " to " + TrainingControl.MAX_RATE + "}";

    /** What the request asks: each null when not given (at least one is). */
    record Control(Boolean paused, Float learningRate) {}

    private ControlJson() {}

    static Control parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "the body is not UTF-8 text; send JSON " + SHAPE);
        }
        if (text.isBlank()) throw new HttpError(400, "the body is empty; send " + SHAPE);
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.setStrictness(Strictness.STRICT);
            if (in.peek() != JsonToken.BEGIN_OBJECT) throw new HttpError(400, "the body is not a JSON object; send " + SHAPE);
            in.beginObject();
            Boolean paused = null;
            Float rate = null;
            while (in.hasNext()) {
                String key = in.nextName();
                switch (key) {
                    case "paused" -> {
                        if (paused != null) throw twice(key);
                        if (in.peek() != JsonToken.BOOLEAN) throw new HttpError(400, "\"paused\" must be true or false; send " + SHAPE);
                        paused = in.nextBoolean();
                    }
                    case "learning_rate" -> {
                        if (rate != null) throw twice(key);
                        if (in.peek() != JsonToken.NUMBER) throw new HttpError(400, "\"learning_rate\" must be a number; send " + SHAPE);
                        rate = TrainingControl.check(in.nextDouble());  // a UserException (400) out of range
                    }
                    default -> throw new HttpError(400, "unknown key \"" + OneLine.excerpt(key, 40) + "\"; send " + SHAPE);
                }
            }
            in.endObject();
            boolean end;
            try {
                end = in.peek() == JsonToken.END_DOCUMENT;
            } catch (MalformedJsonException e) {
                end = false;  // a second value, which strict JSON refuses
            }
            if (!end) throw new HttpError(400, "the body holds more after the JSON object; send " + SHAPE);
            if (paused == null && rate == null) throw new HttpError(400, "the request asks for nothing; send " + SHAPE);
            return new Control(paused, rate);
        } catch (MalformedJsonException | java.io.EOFException e) {
            throw new HttpError(400, "the body is not valid strict JSON (no NaN or Infinity either); send " + SHAPE);
        } catch (NumberFormatException | IllegalStateException e) {
            throw new HttpError(400, "the JSON does not have the expected shape; send " + SHAPE);
        } catch (IOException e) {
            throw new HttpError(400, "the body is not valid JSON; send " + SHAPE);
        }
    }

    private static HttpError twice(String key) {
        return new HttpError(400, "\"" + key + "\" is given twice; send " + SHAPE);
    }
}
