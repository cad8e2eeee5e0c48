package org.scratchnet.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message under construction, for writing a format (ONNX) whose schema we know by
 * its field numbers without generating classes from it. The encoding is protobuf-java's
 * {@link CodedOutputStream}; this class only keeps a nested message's bytes until its parent
 * writes them as a length-delimited field, which is how protobuf nests messages.
 */
final class ProtoMessage {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoMessage int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    ProtoMessage int32(int field, int value) {
        return write(() -> out.writeInt32(field, value));
    }

    ProtoMessage string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    ProtoMessage bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    ProtoMessage message(int field, ProtoMessage value) {
        ByteString nested = ByteString.copyFrom(value.toByteArray());
        return write(() -> out.writeBytes(field, nested));
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Writing to memory fails only when the JVM is out of it; no caller can do better than rethrow. */
    private ProtoMessage write(Step step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
