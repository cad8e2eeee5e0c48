package org.scratchnet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Network;

/**
 * A network as an ONNX model (the bytes of a {@code .onnx} file), for ONNX Runtime and every tool
 * that reads ONNX. The graph, for each dense layer l (dropout is training only and left out):
 * <pre>
 *   Z[l] = Gemm(A[l-1], W[l], b[l], transB=1)     W[l] is [out, in], as the model file stores it
 *   A[l] = Relu | Sigmoid | Tanh (Z[l])             hidden layers
 *   probabilities = Softmax(Z[L], axis=-1)          output layer
 * </pre>
 * Input {@value #INPUT} is float [batch, 784] (the batch dimension is symbolic, so any number of
 * images runs in one call), documented in its doc_string; output {@value #OUTPUT} is float
 * [batch, classes]. The model's metadata (architecture, preprocessing, training provenance) goes
 * into {@code metadata_props}. Operator set {@value #OPSET} (Softmax over one axis, not the
 * flattened 2-D form of earlier sets), IR version {@value #IR_VERSION}.
 *
 * <p>The field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, TypeProto, AttributeProto, OperatorSetIdProto, StringStringEntryProto); the
 * encoding is protobuf-java's.
 */
public final class OnnxModel {
    public static final int OPSET = 13;
    public static final long IR_VERSION = 7;
    public static final String INPUT = "pixels";
    public static final String OUTPUT = "probabilities";
    public static final String BATCH = "batch";
    /** A protobuf message cannot exceed 2 GiB; weights beyond this go to external data. */
    static final long MAX_INLINE_BYTES = (1L << 31) - (16L << 20);

    // onnx.proto field numbers, by message.
    private static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
            MODEL_DOC_STRING = 6, MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8, MODEL_METADATA_PROPS = 14;
    private static final int OPSET_DOMAIN = 1, OPSET_VERSION = 2;
    private static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    private static final int GRAPH_NODE = 1, GRAPH_NAME = 2, GRAPH_INITIALIZER = 5, GRAPH_DOC_STRING = 10,
            GRAPH_INPUT = 11, GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1, NODE_OUTPUT = 2, NODE_NAME = 3, NODE_OP_TYPE = 4, NODE_ATTRIBUTE = 5,
            NODE_DOC_STRING = 6;
    private static final int ATTRIBUTE_NAME = 1, ATTRIBUTE_I = 3, ATTRIBUTE_TYPE = 20, ATTRIBUTE_TYPE_INT = 2;
    private static final int TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_NAME = 8, TENSOR_RAW_DATA = 9,
            TENSOR_EXTERNAL_DATA = 13, TENSOR_DATA_LOCATION = 14, DATA_TYPE_FLOAT = 1, DATA_LOCATION_EXTERNAL = 1;
    private static final int VALUE_NAME = 1, VALUE_TYPE = 2, VALUE_DOC_STRING = 3;
    private static final int TYPE_TENSOR = 1, TENSOR_TYPE_ELEM_TYPE = 1, TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1, DIM_VALUE = 1, DIM_PARAM = 2;

    /**
     * Where the weights are when they are not inside the ONNX file: {@code location}, relative to
     * the ONNX file's folder, holds W[l] from byte {@code weightPositions[l]} and b[l] from
     * {@code biasPositions[l]}, as little-endian float32 (a safetensors file does).
     */
    public record ExternalData(String location, long[] weightPositions, long[] biasPositions) {}

    private OnnxModel() {}

    /**
     * The ONNX file's bytes for {@code net}.
     *
     * @param metadata        copied into metadata_props (the model file's metadata: architecture, provenance)
     * @param producerVersion ScratchNet's version, for producer_version
     * @param external        where the weights are, or null to put them inside the file
     */
    public static byte[] of(Network net, Map<String, String> metadata, String producerVersion, ExternalData external) {
        return of(List.of(new Member(net, external)), metadata, producerVersion);
    }

    /** A network of a committee, and where its weights are (null: inside the ONNX file). */
    public record Member(Network net, ExternalData external) {}

    /**
     * The ONNX file's bytes for a committee of {@code members} (one member: that network's file, as
     * {@link #of(Network, Map, String, ExternalData)}). Each member's graph as above, its names
     * prefixed with {@code member<k>.} (k from 1), ends in its own softmax; then
     * <pre>
     *   probabilities = Mean(member1.probabilities, ..., memberK.probabilities)
     * </pre>
     * the committee's answer, as {@code evaluate} and {@code predict} average it (ONNX's Mean sums in
     * float, ScratchNet in double: the two agree to float rounding). Members must take the same
     * input and answer the same classes.
     */
    public static byte[] of(List<Member> members, Map<String, String> metadata, String producerVersion) {
        if (members.isEmpty()) throw new IllegalArgumentException("nothing to export");
        Architecture first = members.get(0).net().architecture();
        long inlineParameters = 0;
        for (Member m : members) {
            Architecture a = m.net().architecture();
            if (a.inputSize() != first.inputSize() || a.classes() != first.classes()) {
                throw new IllegalArgumentException("a committee's members must take the same input and answer the same classes");
            }
            if (m.external() == null) inlineParameters += a.parameterCount();
        }
        if (4 * inlineParameters > MAX_INLINE_BYTES) {
            throw new UserException(String.format(Locale.ROOT, "the network%s %,d parameters, more than one ONNX file"
                    + " can hold (protobuf's 2 GiB limit); add --external-data to leave the weights in the model file%s",
                    members.size() == 1 ? " has" : "s have", inlineParameters, members.size() == 1 ? "" : "s"));
        }
        String what = members.size() == 1 ? "A multilayer perceptron trained by ScratchNet: " + first
                : "A committee of " + members.size() + " multilayer perceptrons trained by ScratchNet, answering with the mean of"
                        + " their probabilities: " + String.join("; ", members.stream().map(m -> m.net().architecture().toString()).toList());
        ProtoMessage model = new ProtoMessage()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "ScratchNet")
                .string(MODEL_PRODUCER_VERSION, producerVersion)
                .string(MODEL_DOC_STRING, what + ". Input '" + INPUT + "': " + inputDoc(first.inputSize()) + " Output '" + OUTPUT
                        + "': the probability of each of the " + first.classes() + " classes.")
                .message(MODEL_GRAPH, graph(members))
                .message(MODEL_OPSET_IMPORT, new ProtoMessage().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            model.message(MODEL_METADATA_PROPS, new ProtoMessage().string(ENTRY_KEY, e.getKey()).string(ENTRY_VALUE, e.getValue()));
        }
        return model.toByteArray();
    }

    /** What the input is, in the words a user of the ONNX file needs to feed it. */
    public static String inputDoc(int features) {
        return features + " floats per image in [0, 1]: " + (features == 28 * 28
                ? "the 28x28 grayscale image, white digit on black, row-major, each pixel value / 255"
                : "each feature value / 255, in the order of the training data")
                + " (rows of a [" + BATCH + ", " + features + "] tensor, any number of images).";
    }

    private static ProtoMessage graph(List<Member> members) {
        boolean committee = members.size() > 1;
        Architecture first = members.get(0).net().architecture();
        StringBuilder doc = new StringBuilder();
        for (Member m : members) {
            doc.append(doc.length() == 0 ? "" : "; ").append(m.net().architecture().sizesText()).append(' ')
                    .append(m.net().architecture().activationsText());
        }
        ProtoMessage graph = new ProtoMessage().string(GRAPH_NAME, committee ? "scratchnet_committee" : "scratchnet_mlp")
                .string(GRAPH_DOC_STRING, committee ? "the mean of: " + doc : doc.toString());
        String[] outputs = new String[members.size()];
        for (int k = 0; k < members.size(); k++) {
            String prefix = committee ? "member" + (k + 1) + "." : "";
            outputs[k] = committee ? prefix + OUTPUT : OUTPUT;
            addNetwork(graph, members.get(k).net(), members.get(k).external(), prefix, outputs[k]);
        }
        if (committee) {
            graph.message(GRAPH_NODE, node("committee.mean", "Mean", outputs, OUTPUT)
                    .string(NODE_DOC_STRING, "the committee's answer: the mean of its members' probabilities"));
        }
        graph.message(GRAPH_INPUT, value(INPUT, first.inputSize(), inputDoc(first.inputSize())));
        graph.message(GRAPH_OUTPUT, value(OUTPUT, first.classes(), "The probability of each class; each row sums to 1."));
        return graph;
    }

    /** One network's nodes and initializers, every name prefixed with {@code prefix}, its softmax written to {@code output}. */
    private static void addNetwork(ProtoMessage graph, Network net, ExternalData external, String prefix, String output) {
        Architecture a = net.architecture();
        int[] sizes = a.sizes();
        String previous = INPUT;
        for (int l = 0; l < net.depth(); l++) {
            int layer = l + 1;
            String W = prefix + "layers." + l + ".weight", b = prefix + "layers." + l + ".bias", Z = prefix + "z" + layer;
            graph.message(GRAPH_NODE, node(prefix + "layer" + layer + ".gemm", "Gemm", new String[] {previous, W, b}, Z)
                    .message(NODE_ATTRIBUTE, intAttribute("transB", 1))
                    .string(NODE_DOC_STRING, "Z = A W^T + b, W [" + sizes[layer] + ", " + sizes[l] + "]"));
            boolean last = layer == net.depth();
            if (last) {
                graph.message(GRAPH_NODE, node(prefix + "softmax", "Softmax", new String[] {Z}, output)
                        .message(NODE_ATTRIBUTE, intAttribute("axis", -1)));
            } else {
                previous = prefix + "a" + layer;
                graph.message(GRAPH_NODE, node(prefix + "layer" + layer + "." + a.activations()[l].id(), opType(a.activations()[l]),
                        new String[] {Z}, previous));
            }
            graph.message(GRAPH_INITIALIZER, tensor(W, new long[] {sizes[layer], sizes[l]}, net.weights(l),
                    external, external == null ? 0 : external.weightPositions()[l]));
            graph.message(GRAPH_INITIALIZER, tensor(b, new long[] {sizes[layer]}, net.bias(l),
                    external, external == null ? 0 : external.biasPositions()[l]));
        }
    }

    static String opType(Activation activation) {
        return switch (activation) {
            case RELU -> "Relu";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
        };
    }

    private static ProtoMessage node(String name, String opType, String[] inputs, String output) {
        ProtoMessage node = new ProtoMessage();
        for (String input : inputs) node.string(NODE_INPUT, input);
        return node.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, opType);
    }

    private static ProtoMessage intAttribute(String name, long value) {
        return new ProtoMessage().string(ATTRIBUTE_NAME, name).int64(ATTRIBUTE_I, value).int32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
    }

    /** An initializer: the floats inside the file (raw_data, little-endian), or a pointer to where they are. */
    private static ProtoMessage tensor(String name, long[] dims, float[] values, ExternalData external, long position) {
        ProtoMessage t = new ProtoMessage();
        for (long d : dims) t.int64(TENSOR_DIMS, d);
        t.int32(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT).string(TENSOR_NAME, name);
        if (external == null) {
            ByteBuffer raw = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            return t.bytes(TENSOR_RAW_DATA, raw.array());
        }
        return t.message(TENSOR_EXTERNAL_DATA, entry("location", external.location()))
                .message(TENSOR_EXTERNAL_DATA, entry("offset", Long.toString(position)))
                .message(TENSOR_EXTERNAL_DATA, entry("length", Long.toString((long) Float.BYTES * values.length)))
                .int32(TENSOR_DATA_LOCATION, DATA_LOCATION_EXTERNAL);
    }

    private static ProtoMessage entry(String key, String value) {
        return new ProtoMessage().string(ENTRY_KEY, key).string(ENTRY_VALUE, value);
    }

    /** A float tensor [batch, width] with a symbolic batch dimension. */
    private static ProtoMessage value(String name, int width, String doc) {
        ProtoMessage shape = new ProtoMessage()
                .message(SHAPE_DIM, new ProtoMessage().string(DIM_PARAM, BATCH))
                .message(SHAPE_DIM, new ProtoMessage().int64(DIM_VALUE, width));
        ProtoMessage tensorType = new ProtoMessage().int32(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoMessage().string(VALUE_NAME, name)
                .message(VALUE_TYPE, new ProtoMessage().message(TYPE_TENSOR, tensorType))
                .string(VALUE_DOC_STRING, doc);
    }
}
