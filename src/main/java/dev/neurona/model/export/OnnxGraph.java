package dev.neurona.model.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction, written as a {@code ModelProto} by the field numbers of onnx.proto. Every value
 * gets a generated name under {@code neurona/}, so they never clash with the inputs, which carry users' column names.
 */
final class OnnxGraph {

    /** Opset 13: every operator used here exists in it, and ONNX Runtime has supported it since 1.7. */
    static final int OPSET = 13;

    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int STRING = 8;

    private static final int IR_VERSION = 7;
    private static final String ML_DOMAIN = "ai.onnx.ml";

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<Proto> inputs = new ArrayList<>();
    private final List<Proto> outputs = new ArrayList<>();
    private boolean usesMl;
    private int counter;

    /** A named attribute of a node. */
    record Attr(Proto proto) {

        static Attr i(String name, long value) {
            return new Attr(new Proto().string(1, name).varint(3, value).varint(20, 2));
        }

        static Attr f(String name, float value) {
            return new Attr(new Proto().string(1, name).fixed32(2, value).varint(20, 1));
        }

        static Attr ints(String name, long... values) {
            return new Attr(new Proto().string(1, name).packed(8, values).varint(20, 7));
        }

        static Attr strings(String name, List<String> values) {
            Proto p = new Proto().string(1, name);
            values.forEach(v -> p.string(9, v));
            return new Attr(p.varint(20, 8));
        }
    }

    private String fresh(String hint) {
        return "neurona/" + hint + "_" + counter++;
    }

    /** A float constant of the given shape. */
    String constant(String hint, float[] values, long... dims) {
        String name = fresh(hint);
        initializers.add(
                new Proto().packed(1, dims).varint(2, FLOAT).string(8, name).bytes(9, Proto.littleEndian(values)));
        return name;
    }

    /** A 1-D int64 constant, as Reshape takes its target shape. */
    String longs(String hint, long... values) {
        String name = fresh(hint);
        initializers.add(new Proto()
                .packed(1, new long[] {values.length})
                .varint(2, INT64)
                .packed(7, values)
                .string(8, name));
        return name;
    }

    String scalar(String hint, float value) {
        return constant(hint, new float[] {value});
    }

    /** One standard operator node with one output; returns that output's name. */
    String node(String op, List<String> in, Attr... attrs) {
        return node("", op, in, attrs);
    }

    String mlNode(String op, List<String> in, Attr... attrs) {
        usesMl = true;
        return node(ML_DOMAIN, op, in, attrs);
    }

    private String node(String domain, String op, List<String> in, Attr... attrs) {
        String out = fresh(op.toLowerCase());
        Proto node = new Proto();
        in.forEach(name -> node.string(1, name));
        node.string(2, out).string(3, out).string(4, op);
        for (Attr a : attrs) {
            node.message(5, a.proto());
        }
        if (!domain.isEmpty()) {
            node.string(7, domain);
        }
        nodes.add(node);
        return out;
    }

    /** An output under a public name: an Identity node renames the value. */
    void output(String name, String value, int elemType, int width) {
        Proto node =
                new Proto().string(1, value).string(2, name).string(3, name).string(4, "Identity");
        nodes.add(node);
        outputs.add(valueInfo(name, elemType, null, (long) width));
    }

    /** A graph input of the given element type; a null dimension is the batch size, named {@code N}. */
    void input(String name, int elemType, Long... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    private static Proto valueInfo(String name, int elemType, Long[] dims) {
        Proto shape = new Proto();
        for (Long d : dims) {
            shape.message(1, d == null ? new Proto().string(2, "N") : new Proto().varint(1, d));
        }
        Proto tensor = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    private static Proto valueInfo(String name, int elemType, Long batch, Long width) {
        return valueInfo(name, elemType, new Long[] {batch, width});
    }

    byte[] model(String graphName, String doc, Map<String, String> metadata) {
        Proto graph = new Proto();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        graph.string(10, doc);
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        Proto model = new Proto()
                .varint(1, IR_VERSION)
                .string(2, "neurona")
                .string(6, doc)
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, OPSET));
        if (usesMl) {
            model.message(8, new Proto().string(1, ML_DOMAIN).varint(2, 1));
        }
        metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
        return model.toByteArray();
    }
}
