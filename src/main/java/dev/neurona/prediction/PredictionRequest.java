package dev.neurona.prediction;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of a tabular prediction: one object per row, column name → value (numbers for numeric columns). */
@Schema(name = "TabularPredictionRequest", example = """
        {"rows": [{"sepal length (cm)": 5.1, "sepal width (cm)": 3.5, "petal length (cm)": 1.4,
                   "petal width (cm)": 0.2}]}""")
record PredictionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Map<String, Object>> rows) {
}
