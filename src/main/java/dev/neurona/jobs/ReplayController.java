package dev.neurona.jobs;

import dev.neurona.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Models")
class ReplayController {

    private final JobService jobs;

    ReplayController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/v1/models/{ref}/replay")
    @Operation(
            summary = "Train a model again from its receipt and check the metrics match",
            description = "Queues a job with the model's resolved spec (seed included) on the same dataset. The new "
                    + "model's receipt names the model it replays and says whether its test metrics are identical "
                    + "(replayMatches), and its diagnosis carries replay_matches or replay_differs with the first "
                    + "difference. On the same machine, CPU and thread count the metrics match; see the README for "
                    + "the limits.")
    @ApiResponse(
            responseCode = "202",
            description = "queued; Location names the job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "409", description = "the model's dataset was deleted or changed")
    @ApiResponse(
            responseCode = "429",
            description = "this API key already has neurona.jobs.max-queued-per-key " + "queued or running jobs",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = JobController.PROBLEM)))
    @ApiResponse(
            responseCode = "503",
            description = "neurona.jobs.max-queued jobs are already queued",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = JobController.PROBLEM)))
    ResponseEntity<JobView> replay(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref) {
        JobView job = jobs.replay(ref, Callers.keyId().map(UUID::toString).orElse(null));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .body(job);
    }
}
