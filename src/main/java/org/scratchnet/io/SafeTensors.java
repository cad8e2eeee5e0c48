package org.scratchnet.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scratchnet.UserException;

/**
 * Reads and writes Hugging Face's safetensors format, so ScratchNet models can be opened by other
 * tools (Python's {@code safetensors.torch.load_file}, viewers) and theirs by us.
 *
 * <p>Layout of a file:
 * <pre>
 *   N        8 bytes, unsigned little-endian: the length of the header
 *   header   N bytes of UTF-8 JSON, padded with trailing spaces so the data starts at a multiple of 8
 *   data     the tensors' raw bytes, one after another, no gaps
 * </pre>
 * The header maps each tensor name to {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}},
 * offsets counted from the start of the data; an optional {@code "__metadata__"} maps strings to
 * strings (ScratchNet keeps its provenance there). Values are little-endian float32, row-major.
 *
 * <p>Only F32 is supported: ScratchNet computes in float, and a half-precision reader would be code
 * with no user. Everything else a file can get wrong (truncation, an absurd header length, bad JSON,
 * missing fields, offsets that do not tile the data) is reported as a one-line
 * {@link UserException} naming the file, because a corrupt model file is the user's to replace.
 * The format has no version field of its own; the header is self-describing.
 */
public final class SafeTensors {

    /** The only dtype ScratchNet reads or writes. */
    public static final String DTYPE = "F32";
    /** The reserved header key holding string metadata rather than a tensor. */
    public static final String METADATA_KEY = "__metadata__";
    /** No real header is this large; a bigger length means the file is not safetensors at all. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** The data buffer starts at a multiple of this, so readers may map floats in place. */
    static final int ALIGNMENT = 8;

    private static final int LENGTH_BYTES = 8;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final TypeAdapter<JsonElement> ELEMENT = GSON.getAdapter(JsonElement.class);

    private SafeTensors() {}

    /**
     * What a file holds: its tensors in the order the header lists them, and its metadata.
     *
     * @param file     where the contents came from, so later errors can name it
     * @param tensors  name -> tensor, in header order
     * @param metadata the {@code __metadata__} entries, empty if the file has none; read-only
     * @param positions name -> where the tensor's first byte lies in the file (its bytes are
     *                  {@code 4 * size} little-endian floats from there), for formats that point
     *                  into the file instead of copying it (ONNX external data); read-only
     */
    public record Contents(Path file, LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata,
                           Map<String, Long> positions) {

        /**
         * The tensor called {@code name}, checked to have {@code expectedShape}. Fails with a
         * message naming the file and what it holds instead, which is what a model loader wants
         * to tell a user who passed the wrong file.
         */
        public Tensor require(String name, int... expectedShape) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new UserException(file + " has no tensor '" + name + "' (it holds "
                        + (tensors.isEmpty() ? "no tensors" : String.join(", ", tensors.keySet()))
                        + "); is this a ScratchNet model of the right kind?");
            }
            if (!Arrays.equals(t.shape(), expectedShape)) {
                throw new UserException(file + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                        + " but " + Arrays.toString(expectedShape) + " was expected; the file was saved"
                        + " for a network with different layer sizes");
            }
            return t;
        }
    }

    /**
     * Writes {@code tensors}, in list order, with {@code metadata} (may be null or empty), replacing
     * {@code file} atomically: on any failure the old file is untouched and no temporary is left.
     * Arguments are checked before anything is written; a duplicate or reserved name is a bug in
     * the caller and throws {@link IllegalArgumentException}.
     */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) {
        AtomicFiles.write(file, writer(tensors, metadata));
    }

    /** What {@link #write} writes, for {@link AtomicFiles#writeAll}; the arguments are checked now. */
    public static AtomicFiles.Writer writer(List<Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        return out -> {
            byte[] length = new byte[LENGTH_BYTES];
            ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(length);
            out.write(header);
            for (Tensor t : tensors) {
                // One bulk put per tensor: a per-float loop through a stream is what makes saving slow.
                ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(t.data());
                out.write(bytes.array());
            }
        };
    }

    /**
     * The header bytes for {@code tensors} laid out in order: JSON with {@code __metadata__} first
     * (as the Python library writes it), padded with spaces so that 8 + its length is a multiple
     * of 8.
     */
    static byte[] header(List<Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null) throw new IllegalArgumentException("tensors is null");
        JsonObject json = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata entry " + e.getKey() + "=" + e.getValue()
                            + " has a null key or value; safetensors metadata maps strings to strings");
                }
                meta.addProperty(e.getKey(), e.getValue());
            }
            json.add(METADATA_KEY, meta);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            if (t == null) throw new IllegalArgumentException("tensor list contains null");
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be called " + METADATA_KEY
                        + "; the format reserves that key for metadata");
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tensors are called '" + t.name()
                        + "'; names are the keys of the header and must be unique");
            }
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            long end = offset + (long) Float.BYTES * t.data().length;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", DTYPE);
            entry.add("shape", shape);
            entry.add("data_offsets", offsets);
            json.add(t.name(), entry);
            offset = end;
        }
        byte[] text = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        int padded = (int) roundUp(LENGTH_BYTES + text.length, ALIGNMENT) - LENGTH_BYTES;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return header;
    }

    private static long roundUp(long n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** Reads and checks a whole file; see the class comment for what is checked. */
    public static Contents read(Path file) {
        byte[] b = readAll(file);
        long n = ByteBuffer.wrap(b, 0, LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int headerLength = (int) n;
        int dataStart = LENGTH_BYTES + headerLength;
        int dataLength = b.length - dataStart;

        Map<String, JsonElement> entries = parseHeader(file, decodeUtf8(file, b, headerLength));
        Map<String, String> metadata = Map.of();
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : entries.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, e.getValue());
            } else {
                slots.add(slot(file, e.getKey(), e.getValue(), dataLength));
            }
        }
        checkTiling(file, slots, dataLength);

        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Slot s : slots) {
            positions.put(s.name, dataStart + s.begin);
            float[] data = new float[(int) (s.size)];
            ByteBuffer.wrap(b, dataStart + (int) s.begin, (int) (s.end - s.begin))
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            tensors.put(s.name, new Tensor(s.name, s.shape, data));
        }
        return new Contents(file, tensors, metadata, Collections.unmodifiableMap(positions));
    }

    /** Where one tensor's bytes lie in the data buffer, as its header entry says. */
    private record Slot(String name, int[] shape, long size, long begin, long end) {}

    /**
     * The whole file, after checking its first 8 bytes give a plausible header length. The check
     * comes first so that a file that is not safetensors at all (a 2 GB archive, say) is rejected
     * without being loaded into memory.
     */
    private static byte[] readAll(Path file) {
        InputFiles.requireRegularFile(file, "model file");  // a FIFO would block, a device never end
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw invalid(file, "it is " + size + " bytes long, too short to hold even the 8-byte header length");
            }
            ByteBuffer first = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (first.hasRemaining() && channel.read(first) >= 0) {
                // keep reading: a channel may return fewer bytes than asked
            }
            long n = first.getLong(0);
            if (n < 0 || n > size - LENGTH_BYTES) {
                // n < 0 means the unsigned length has its top bit set: certainly larger than the file.
                throw invalid(file, "header length " + Long.toUnsignedString(n) + " is larger than the file ("
                        + size + " bytes)");
            }
            if (n > MAX_HEADER_BYTES) {
                throw invalid(file, "header length " + n + " is absurd (more than " + MAX_HEADER_BYTES
                        + " bytes); the file is probably not safetensors");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw invalid(file, "it is " + size + " bytes, larger than ScratchNet can load (2 GB)");
            }
            // the file's bytes, then the floats they become
            org.scratchnet.MemoryLimit.require(2 * size, "loading the model " + file);
            byte[] b = new byte[(int) size];
            ByteBuffer all = ByteBuffer.wrap(b);
            channel.position(0);
            while (all.hasRemaining() && channel.read(all) >= 0) {
                // as above
            }
            if (all.hasRemaining()) {
                throw new UserException("cannot read " + file + ": it shrank while being read; is another program writing it?");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new UserException("model file " + file + " does not exist; check the path", e);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static String decodeUtf8(Path file, byte[] b, int headerLength) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, LENGTH_BYTES, headerLength));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "the " + headerLength + "-byte header is not valid UTF-8 text");
        }
    }

    /**
     * The top-level header object as key -> value, in file order. Parsed with a strict streaming
     * reader rather than into a JsonObject because a JsonObject silently keeps the last of two
     * equal keys, and two tensors with one name mean a corrupt file.
     */
    private static Map<String, JsonElement> parseHeader(Path file, String text) {
        LinkedHashMap<String, JsonElement> entries = new LinkedHashMap<>();
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.STRICT);
            JsonToken first = r.peek();
            if (first != JsonToken.BEGIN_OBJECT) {
                throw invalid(file, "the header is JSON but not an object (it starts with "
                        + first.name().toLowerCase().replace('_', ' ') + ")");
            }
            r.beginObject();
            while (r.hasNext()) {
                String key = r.nextName();
                JsonElement value = ELEMENT.read(r);
                if (entries.put(key, value) != null) {
                    throw invalid(file, "the header lists '" + key + "' twice");
                }
            }
            r.endObject();
            if (!atEnd(r)) throw invalid(file, "the header has more JSON after its closing brace");
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            throw invalid(file, "the header is not valid JSON (" + jsonProblem(e.getMessage()) + ")");
        }
        return entries;
    }

    /** True if only whitespace follows; a strict reader throws rather than peek at a second value. */
    private static boolean atEnd(JsonReader r) {
        try {
            return r.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gson's message made fit for a user: its first line only (a troubleshooting link follows on a
     * second), and without its advice to programmers to relax the parser's strictness.
     */
    static String jsonProblem(String message) {
        if (message == null) return "unexpected end";
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        if (line.startsWith("Use JsonReader")) {
            int at = line.indexOf(" at line ");
            line = "malformed JSON" + (at < 0 ? "" : line.substring(at));
        }
        return line;
    }

    private static Map<String, String> metadata(Path file, JsonElement value) {
        if (!value.isJsonObject()) {
            throw invalid(file, METADATA_KEY + " must be an object of string values, found " + kind(value));
        }
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw invalid(file, METADATA_KEY + " entry '" + e.getKey() + "' must be a string, found " + kind(v));
            }
            metadata.put(e.getKey(), v.getAsString());
        }
        return Collections.unmodifiableMap(metadata);
    }

    /** Checks one tensor entry on its own: fields present, dtype F32, offsets inside and sized to the shape. */
    private static Slot slot(Path file, String name, JsonElement value, int dataLength) {
        String where = "tensor '" + name + "'";
        if (!value.isJsonObject()) {
            throw invalid(file, where + " must be an object with dtype, shape and data_offsets, found " + kind(value));
        }
        JsonObject entry = value.getAsJsonObject();
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!entry.has(field)) throw invalid(file, where + " has no \"" + field + "\"");
        }

        JsonElement dtype = entry.get("dtype");
        if (!dtype.isJsonPrimitive() || !dtype.getAsJsonPrimitive().isString()) {
            throw invalid(file, where + " has dtype " + dtype + ", expected a string such as \"F32\"");
        }
        if (!dtype.getAsString().equals(DTYPE)) {
            throw invalid(file, where + " has dtype " + dtype.getAsString()
                    + ", but ScratchNet models are F32; convert the file to float32 first");
        }

        JsonElement shapeJson = entry.get("shape");
        if (!shapeJson.isJsonArray()) throw invalid(file, where + " has shape " + shapeJson + ", expected an array");
        JsonArray dims = shapeJson.getAsJsonArray();
        int[] shape = new int[dims.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = nonNegativeInteger(dims.get(i), Integer.MAX_VALUE);
            if (d < 0) {
                throw invalid(file, where + " has shape " + shapeJson + ": dimension " + i
                        + " is not a non-negative integer");
            }
            shape[i] = (int) d;
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw invalid(file, where + " has shape " + shapeJson + ", more values than ScratchNet can load");
            }
        }

        JsonElement offsetsJson = entry.get("data_offsets");
        if (!offsetsJson.isJsonArray() || offsetsJson.getAsJsonArray().size() != 2) {
            throw invalid(file, where + " has data_offsets " + offsetsJson + ", expected [begin, end]");
        }
        long begin = nonNegativeInteger(offsetsJson.getAsJsonArray().get(0), Long.MAX_VALUE);
        long end = nonNegativeInteger(offsetsJson.getAsJsonArray().get(1), Long.MAX_VALUE);
        if (begin < 0 || end < 0) {
            throw invalid(file, where + " has data_offsets " + offsetsJson + ", expected two non-negative integers");
        }
        if (begin > end) {
            throw invalid(file, where + " has data_offsets " + offsetsJson + ": begin is after end");
        }
        if (end > dataLength) {
            throw invalid(file, where + " has data_offsets " + offsetsJson + ", past the end of the "
                    + dataLength + "-byte data buffer; the file is truncated");
        }
        if (end - begin != Float.BYTES * size) {
            throw invalid(file, where + " has data_offsets " + offsetsJson + " (" + (end - begin)
                    + " bytes) but shape " + shapeJson + " needs " + size + " floats (" + Float.BYTES * size
                    + " bytes)");
        }
        return new Slot(name, shape, size, begin, end);
    }

    /**
     * Checks the tensors cover the data buffer exactly once: sorted by offset, each begins where
     * the previous ended. The format forbids holes and overlaps, and either means a damaged file.
     */
    private static void checkTiling(Path file, List<Slot> slots, int dataLength) {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingLong(Slot::begin).thenComparingLong(Slot::end));
        long covered = 0;
        Slot previous = null;
        for (Slot s : sorted) {
            if (s.begin < covered) {
                throw invalid(file, "tensors '" + previous.name + "' (bytes " + previous.begin + ".." + previous.end
                        + ") and '" + s.name + "' (bytes " + s.begin + ".." + s.end + ") overlap");
            }
            if (s.begin > covered) {
                throw invalid(file, "bytes " + covered + ".." + s.begin + " of the data buffer belong to no tensor");
            }
            covered = s.end;
            previous = s;
        }
        if (covered != dataLength) {
            throw invalid(file, "the data buffer is " + dataLength + " bytes but the tensors cover only "
                    + covered + "; bytes " + covered + ".." + dataLength + " belong to no tensor");
        }
    }

    /** The value as a long if it is an integer in [0, max], else -1. Accepts 8 and 8.0, not 8.5. */
    private static long nonNegativeInteger(JsonElement e, long max) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) return -1;
        try {
            long v = new BigDecimal(e.getAsString()).longValueExact();
            return v >= 0 && v <= max ? v : -1;
        } catch (ArithmeticException | NumberFormatException ex) {
            return -1;
        }
    }

    private static String kind(JsonElement e) {
        if (e.isJsonObject()) return "an object";
        if (e.isJsonArray()) return "an array";
        if (e.isJsonNull()) return "null";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return (p.isNumber() ? "the number " : p.isBoolean() ? "the boolean " : "the string ") + p;
    }

    private static UserException invalid(Path file, String detail) {
        return new UserException(file + " is not a valid safetensors file: " + detail);
    }
}
