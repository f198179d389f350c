package dev.neurona.jobs;

import dev.neurona.security.Callers;
import dev.neurona.training.EpochRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Validate a spec (dry run), queue training, watch progress, cancel")
class JobController {

    static final String PROBLEM = "#/components/schemas/Problem";
    static final String EVENTS_EXAMPLE =
            """
            event:queued
            data:{"position":2,"queuedAhead":1}

            event:progress
            data:{"epoch":1,"totalEpochs":3,"batch":4,"totalBatches":7,"percent":19.0,"etaSeconds":null}

            id:1
            event:epoch
            data:{"epoch":1,"loss":0.91,"regularizationLoss":null,"accuracy":0.62,"mae":null,"valLoss":0.8,\
            "valAccuracy":0.75,"valMae":null,"durationMs":40,"samplesPerSecond":2700.0,"learningRate":0.01}

            event:progress
            data:{"epoch":2,"totalEpochs":3,"batch":7,"totalBatches":7,"percent":66.6,"etaSeconds":1}

            :keep-alive

            event:succeeded
            data:{"modelId":"02a6477b-a5c2-422d-a4f8-23141f21261d"}
            """;

    static final String SEQUENTIAL_EXAMPLE =
            """
            {"datasetId": "3f0c6b8e-8d1e-4a43-9a53-2b1f0d9c4e11",
             "spec": {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                                 {"type": "dense", "units": 3, "activation": "softmax"}],
                      "loss": "categorical_crossentropy", "optimizer": {"type": "adam", "learningRate": 0.01},
                      "epochs": 100, "batchSize": 16, "validationSplit": 0.1, "testSplit": 0.2, "seed": 42},
             "dryRun": true}""";
    /** A residual block and a branch straight from the input, joined: Keras' functional API as a spec. */
    static final String GRAPH_EXAMPLE =
            """
            {"datasetId": "3f0c6b8e-8d1e-4a43-9a53-2b1f0d9c4e11",
             "spec": {"layers": [{"type": "dense", "units": 16, "activation": "relu", "name": "h1"},
                                 {"type": "dense", "units": 16, "activation": "relu", "name": "h2"},
                                 {"type": "add", "inputs": ["h1", "h2"], "name": "residual"},
                                 {"type": "dense", "units": 4, "activation": "tanh", "name": "wide",
                                  "inputs": ["input"]},
                                 {"type": "concatenate", "inputs": ["residual", "wide"], "name": "both"},
                                 {"type": "dense", "units": 3, "activation": "softmax", "name": "out"}],
                      "optimizer": {"type": "adam", "learningRate": 0.01},
                      "epochs": 100, "batchSize": 16, "validationSplit": 0.1, "testSplit": 0.2, "seed": 42},
             "dryRun": true}""";

    private final JobService service;
    private final JobEvents events;

    JobController(JobService service, JobEvents events) {
        this.service = service;
        this.events = events;
    }

    @PostMapping
    @Operation(
            summary = "Submit a training job, or dry-run a spec",
            description = "The spec is validated against the dataset first; every problem is reported with its "
                    + "JSON path. With dryRun=true the answer is 200 with the resolved spec, a per-layer table and "
                    + "the split sizes, and no job is created. Otherwise 202 with the queued job and a Location.")
    @ApiResponse(
            responseCode = "202",
            description = "queued",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "dry run",
            content = @Content(schema = @Schema(implementation = DryRunResult.class)))
    @ApiResponse(
            responseCode = "429",
            description = "this API key already has neurona.jobs.max-queued-per-key "
                    + "queued or running jobs (dry runs are never limited)",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    @ApiResponse(
            responseCode = "503",
            description = "neurona.jobs.max-queued jobs are already queued",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "seconds, estimated from recent jobs' durations",
                            schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    ResponseEntity<?> submit(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = SubmitJob.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "sequential",
                                                        summary = "a stack: each layer takes the one before",
                                                        value = SEQUENTIAL_EXAMPLE),
                                                @ExampleObject(
                                                        name = "graph",
                                                        summary = "a graph: named layers take the layers they name in "
                                                                + "inputs (\"input\" is the model's input), merged "
                                                                + "by add, concatenate, multiply or average",
                                                        value = GRAPH_EXAMPLE)
                                            }))
                    @RequestBody
                    SubmitJob request) {
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(service.dryRun(request));
        }
        JobView job =
                service.submit(request, Callers.keyId().map(UUID::toString).orElse(null));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .body(job);
    }

    @GetMapping
    @Operation(summary = "Recent jobs, newest first")
    List<JobView> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "jobs to skip") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Parameter(description = "most jobs, 1–1000") @Min(1) @Max(1000) int limit) {
        return service.list(offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job's state, current epoch and batch, and per-epoch history")
    JobView get(@PathVariable UUID id) {
        return service.get(id);
    }

    @GetMapping("/{id}/events")
    @Operation(
            summary = "Follow a job live: server-sent events (text/event-stream)",
            description = "Events, each an `event:` name and one line of JSON `data:` — `queued` {position, "
                    + "queuedAhead} while queued, again when the position changes; `progress` {epoch, totalEpochs, "
                    + "batch, totalBatches, percent, etaSeconds} while running, when the batch position changes; "
                    + "`epoch` (an entry of the job's history, with `id:` the epoch number) once per finished "
                    + "epoch; then one of `succeeded` {modelId}, `failed` {reason} or `cancelled` {} and the "
                    + "stream ends. A subscriber first gets the current state: the position of a queued job; for a "
                    + "running job every epoch already finished (after the one in `Last-Event-ID`, which browsers "
                    + "send when they reconnect), then its progress; for a finished job only its final event. A "
                    + "comment line (`:keep-alive`) is sent after neurona.jobs.sse-heartbeat without an event; the "
                    + "server ends a stream after neurona.jobs.sse-timeout (reconnect with Last-Event-ID). An "
                    + "unknown job is a 404 problem, not a stream. Close an EventSource on the final event, or it "
                    + "reconnects.")
    @ApiResponse(
            responseCode = "200",
            description = "the event stream; the data of each event is one of these",
            content =
                    @Content(
                            mediaType = "text/event-stream",
                            schema =
                                    @Schema(
                                            oneOf = {
                                                JobEvent.Queued.class,
                                                JobEvent.Progress.class,
                                                EpochRecord.class,
                                                JobEvent.Succeeded.class,
                                                JobEvent.Failed.class
                                            }),
                            examples = @ExampleObject(name = "a short job", value = EVENTS_EXAMPLE)))
    @ApiResponse(
            responseCode = "503",
            description = "this node already serves neurona.jobs.sse-max-subscribers event streams (of jobs and "
                    + "tuning runs together)",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    ResponseEntity<SseEmitter> events(
            @PathVariable UUID id,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the last epoch received (the id of an epoch event);"
                                    + " epochs up to it are not sent again")
                    @RequestHeader(value = "Last-Event-ID", required = false)
                    String lastEventId) {
        // proxies such as nginx buffer responses unless told not to, which would hold events back
        return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(events.subscribe(id, epoch(lastEventId)));
    }

    /** A Last-Event-ID that is not one of our epoch ids is ignored: the stream starts from the beginning. */
    private static int epoch(String lastEventId) {
        if (lastEventId == null || !lastEventId.trim().matches("\\d{1,9}")) {
            return 0;
        }
        return Integer.parseInt(lastEventId.trim());
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a job: a queued one at once, a running one within one batch",
            description = "Only the API key that submitted the job, or an admin key, may cancel it (403 otherwise).")
    JobView cancel(@PathVariable UUID id) {
        return service.cancelAsCaller(id);
    }
}
