package dev.neurona.tuning;

import dev.neurona.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/tuning")
@Tag(
        name = "Tuning",
        description = "Hyperparameter search: grid, random, Bayesian (TPE) and Hyperband, each trial a "
                + "training job, with a leaderboard")
class TuningController {

    private final TuningService service;
    private final TuningEvents events;

    TuningController(TuningService service, TuningEvents events) {
        this.service = service;
        this.events = events;
    }

    @PostMapping
    @Operation(
            summary = "Start a hyperparameter search, or dry-run it",
            description = "The base spec is validated against the dataset, every dimension's path against the "
                    + "spec, and each dimension's extreme values on the base spec; problems name their field "
                    + "(space[\"layers[0].units\"].max, objective.metric, …). With dryRun=true the answer is 200 "
                    + "with the resolved settings and the number of trials (a grid's size); otherwise 202 with the "
                    + "run, whose first trials are already queued as training jobs.")
    @ApiResponse(
            responseCode = "202",
            description = "started",
            content = @Content(schema = @Schema(implementation = TuningView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "dry run",
            content = @Content(schema = @Schema(implementation = TuningService.DryRun.class)))
    ResponseEntity<?> submit(@RequestBody TuningRequest request) {
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(service.dryRun(request));
        }
        TuningView run =
                service.submit(request, Callers.keyId().map(UUID::toString).orElse(null));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/tuning/" + run.id()))
                .body(run);
    }

    @GetMapping
    @Operation(summary = "Recent tuning runs, newest first")
    List<TuningView> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "runs to skip") @Min(0) int offset,
            @RequestParam(defaultValue = "20") @Parameter(description = "most runs, 1–200") @Min(1) @Max(200) int limit) {
        return service.list(offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A tuning run: progress, best trial and leaderboard")
    TuningView get(@PathVariable UUID id) {
        return service.get(id);
    }

    @GetMapping("/{id}/events")
    @Operation(
            summary = "Follow a tuning run live: server-sent events (text/event-stream)",
            description = "`trial` (a leaderboard row) once per trial that ended, `progress` {progress, best} when "
                    + "it changes, then `succeeded`, `failed` or `cancelled` {best, reason} and the stream ends. A "
                    + "subscriber first gets every trial that has already ended. As for jobs, a comment line "
                    + "(`:keep-alive`) is sent after neurona.jobs.sse-heartbeat without an event, and the server ends "
                    + "a stream after neurona.jobs.sse-timeout.")
    @ApiResponse(
            responseCode = "503",
            description = "this node already serves neurona.jobs.sse-max-subscribers event streams (of jobs and "
                    + "tuning runs together)",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<SseEmitter> events(@PathVariable UUID id) {
        return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(events.subscribe(id));
    }

    @GetMapping(value = "/{id}/charts/objective.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The objective of every trial and the best so far, by trial, as a PNG")
    ResponseEntity<byte[]> chart(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "900") @Parameter(description = "pixels, 200–4000") @Min(200) @Max(4000) int width,
            @RequestParam(defaultValue = "500") @Parameter(description = "pixels, 150–4000") @Min(150) @Max(4000) int height) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .body(TuningChart.png(service.get(id), width, height));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a tuning run and its queued or running trials",
            description = "Only the API key that submitted the run, or an admin key, may cancel it (403 otherwise).")
    TuningView cancel(@PathVariable UUID id) {
        return service.cancel(id);
    }
}
