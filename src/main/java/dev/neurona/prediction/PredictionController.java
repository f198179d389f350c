package dev.neurona.prediction;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{id}/predictions")
@Tag(name = "Predictions", description = "Predict with a trained model")
class PredictionController {

    private final PredictionService service;

    PredictionController(PredictionService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Predict from JSON rows",
            description = "Each row is an object of column → value with every input column of the model "
                    + "(numbers for numeric columns, one of the training categories for categorical ones). The "
                    + "label column is ignored if present. Rows are encoded with the model's stored preprocessing "
                    + "and answered as one batch: per row the label and every class's probability, or the value.")
    PredictionResponse predict(@PathVariable UUID id, @RequestBody PredictionRequest request) {
        return service.predict(id, request);
    }
}
