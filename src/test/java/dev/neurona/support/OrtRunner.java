package dev.neurona.support;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs an exported ONNX model in ONNX Runtime, as a user of the file would. */
public final class OrtRunner {

    private OrtRunner() {}

    /**
     * One run. Inputs by name: a float[] or String[] is a table column ([N, 1]); a {@link Tensor} has its shape.
     * Returns every output as rows.
     */
    public static Map<String, float[][]> run(byte[] model, Map<String, Object> inputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                tensors.put(e.getKey(), tensor(env, e.getValue()));
            }
            Map<String, float[][]> out = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), (float[][]) e.getValue().getValue());
                }
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** The names of the model's inputs, as ONNX Runtime reads them. */
    public static List<String> inputNames(byte[] model) {
        try (OrtSession session =
                OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            return List.copyOf(session.getInputNames());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }

    /** The model's metadata entries (key → value), as ONNX Runtime reads them. */
    public static Map<String, String> metadata(byte[] model) {
        try (OrtSession session =
                OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            return Map.copyOf(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }

    /** A float tensor of any shape. */
    public record Tensor(float[] values, long... shape) {}

    private static OnnxTensor tensor(OrtEnvironment env, Object value) throws OrtException {
        if (value instanceof float[] column) {
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(column), new long[] {column.length, 1});
        }
        if (value instanceof String[] column) {
            return OnnxTensor.createTensor(env, column, new long[] {column.length, 1});
        }
        Tensor t = (Tensor) value;
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(t.values()), t.shape());
    }
}
