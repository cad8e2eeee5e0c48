package org.scratchnet.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.scratchnet.MemoryLimit;
import org.scratchnet.UserException;

/**
 * The container of a training checkpoint: a JSON header (the run's settings, position, history,
 * random generators' states) and named arrays of float32 or int32 numbers (weights, optimiser
 * state, the batch order), sealed by a checksum so that a truncated or altered file is refused
 * instead of resuming into a different run. What the header and arrays mean is {@code
 * train/Checkpoint}'s business; this class only keeps them whole.
 * <pre>
 *   "SCRATCHNET-CHECKPOINT\n"   22 bytes, the magic
 *   version                    int32, {@value #FORMAT_VERSION}
 *   H, header                  int32, then H bytes of UTF-8 JSON; its "arrays" lists each array's name, type (f32, i32) and length
 *   arrays                     their values in that order, 4 bytes each
 *   crc                        int32, CRC-32 of every byte before it
 * </pre>
 * Numbers are little-endian, as in safetensors. The whole file is read and its checksum checked
 * before anything in it is believed; every length is then checked against the bytes really there.
 */
public final class CheckpointFile {
    public static final String MAGIC = "SCRATCHNET-CHECKPOINT\n";
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED = MAGIC_BYTES.length + 4 + 4 + 4;  // magic, version, header length, crc

    /** A checkpoint's contents: its header and its arrays by name, in order. */
    public record Contents(JsonObject header, Map<String, float[]> floats, Map<String, int[]> ints) {}

    private CheckpointFile() {}

    /** What writes {@code contents} (for {@link AtomicFiles#write}). */
    public static AtomicFiles.Writer writer(Contents contents) {
        return out -> {
            CRC32 crc = new CRC32();
            DataOutputStream data = new DataOutputStream(new CheckedOutputStream(out, crc));
            JsonObject header = contents.header().deepCopy();
            JsonArray arrays = new JsonArray();
            contents.floats().forEach((name, v) -> arrays.add(entry(name, "f32", v.length)));
            contents.ints().forEach((name, v) -> arrays.add(entry(name, "i32", v.length)));
            header.add("arrays", arrays);
            byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
            data.write(MAGIC_BYTES);
            data.writeInt(Integer.reverseBytes(FORMAT_VERSION));
            data.writeInt(Integer.reverseBytes(json.length));
            data.write(json);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] v : contents.floats().values()) {
                for (float f : v) {
                    if (!buffer.hasRemaining()) flush(buffer, data);
                    buffer.putFloat(f);
                }
            }
            for (int[] v : contents.ints().values()) {
                for (int i : v) {
                    if (!buffer.hasRemaining()) flush(buffer, data);
                    buffer.putInt(i);
                }
            }
            flush(buffer, data);
            data.flush();
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
        };
    }

    /**
     * Whether {@code file} is a regular file that starts as a checkpoint does: how a command that
     * takes either a model or a checkpoint tells them apart before reading either. Anything it
     * cannot read is not one (the reader of the other kind then names the problem).
     */
    public static boolean startsLikeOne(Path file) {
        if (!InputFiles.isRegularFile(file)) return false;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(MAGIC_BYTES.length);
            return java.util.Arrays.equals(start, MAGIC_BYTES);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads and checks a checkpoint: a regular file that fits in memory, the magic, the version,
     * the checksum, then the header and the arrays' lengths against the bytes there. Each problem
     * is one line naming the file.
     */
    public static Contents read(Path file) {
        InputFiles.requireRegularFile(file, "checkpoint");
        byte[] bytes;
        try {
            long size = Files.size(file);
            MemoryLimit.require(size, "the checkpoint " + file + " (" + MemoryLimit.size(size) + ")");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserException("cannot read checkpoint " + file + ": " + AtomicFiles.describe(e));
        }
        if (bytes.length < MAGIC_BYTES.length || !MAGIC.equals(new String(bytes, 0, MAGIC_BYTES.length, StandardCharsets.US_ASCII))) {
            throw new UserException(file + " is not a ScratchNet checkpoint (it does not start with SCRATCHNET-CHECKPOINT);"
                    + " give the .checkpoint file that train wrote beside its model");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < FIXED) throw damaged(file, "it is cut short");
        int version = in.getInt(MAGIC_BYTES.length);
        if (version != FORMAT_VERSION) {
            if (version > FORMAT_VERSION && version < 1000) {
                throw new UserException(file + " was written by a newer ScratchNet (checkpoint format " + version
                        + "; this build reads format " + FORMAT_VERSION + "); update ScratchNet to resume it");
            }
            throw damaged(file, "its format version " + Integer.toUnsignedString(version) + " is not one any ScratchNet wrote");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw damaged(file, "its checksum does not match its contents (the file was cut short or altered)");
        }
        int headerLength = in.getInt(MAGIC_BYTES.length + 4);
        int headerStart = MAGIC_BYTES.length + 8;
        int end = bytes.length - 4;
        if (headerLength < 0 || headerLength > end - headerStart) throw damaged(file, "its header length does not fit the file");
        JsonObject header = header(file, new String(bytes, headerStart, headerLength, StandardCharsets.UTF_8));
        return arrays(file, header, in, headerStart + headerLength, end);
    }

    private static Contents arrays(Path file, JsonObject header, ByteBuffer in, int start, int end) {
        JsonElement list = header.remove("arrays");
        if (list == null || !list.isJsonArray()) throw damaged(file, "its header lists no arrays");
        Map<String, float[]> floats = new LinkedHashMap<>();
        Map<String, int[]> ints = new LinkedHashMap<>();
        int position = start;
        try {
            for (JsonElement e : list.getAsJsonArray()) {
                JsonObject a = e.getAsJsonObject();
                String name = a.get("name").getAsString();
                String type = a.get("type").getAsString();
                long length = a.get("length").getAsLong();
                if (length < 0 || length * 4 > end - position) throw damaged(file, "array '" + name + "' runs past the end of the file");
                int n = (int) length;
                if (type.equals("f32")) {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) v[i] = in.getFloat(position + 4 * i);
                    floats.put(name, v);
                } else if (type.equals("i32")) {
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) v[i] = in.getInt(position + 4 * i);
                    ints.put(name, v);
                } else {
                    throw damaged(file, "array '" + name + "' has the unknown type '" + type + "'");
                }
                position += 4 * n;
            }
        } catch (RuntimeException malformed) {
            if (malformed instanceof UserException u) throw u;
            throw damaged(file, "its list of arrays is malformed");
        }
        if (position != end) throw damaged(file, (end - position) + " bytes follow its last array");
        return new Contents(header, floats, ints);
    }

    private static JsonObject header(Path file, String json) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (!e.isJsonObject()) throw damaged(file, "its header is not a JSON object");
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw damaged(file, "its header is not valid JSON");
        }
    }

    private static JsonObject entry(String name, String type, int length) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("type", type);
        o.addProperty("length", length);
        return o;
    }

    private static void flush(ByteBuffer buffer, DataOutputStream out) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private static UserException damaged(Path file, String why) {
        return new UserException(file + " is a damaged checkpoint: " + why + "; resume from another checkpoint or start the run again");
    }
}
