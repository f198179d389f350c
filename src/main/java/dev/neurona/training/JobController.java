package dev.neurona.training;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.neurona.platform.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Validate a spec (dry run), queue training, watch progress, cancel")
class JobController {

    private final JobService service;

    JobController(JobService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Submit a training job, or dry-run a spec",
            description = "The spec is validated against the dataset first; every problem is reported with its "
                    + "JSON path. With dryRun=true the answer is 200 with the resolved spec, a per-layer table and "
                    + "the split sizes, and no job is created. Otherwise 202 with the queued job and a Location.")
    @ApiResponse(responseCode = "202", description = "queued",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "200", description = "dry run",
            content = @Content(schema = @Schema(implementation = DryRunResult.class)))
    ResponseEntity<?> submit(@RequestBody SubmitJob request) {
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(service.dryRun(request));
        }
        JobView job = service.submit(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }

    @GetMapping
    @Operation(summary = "Recent jobs, newest first")
    List<JobView> list(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000, was " + limit);
        }
        return service.list(limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job's state, current epoch and batch, and per-epoch history")
    JobView get(@PathVariable UUID id) {
        return service.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a job: a queued one at once, a running one within one batch")
    JobView cancel(@PathVariable UUID id) {
        return service.cancel(id);
    }
}
