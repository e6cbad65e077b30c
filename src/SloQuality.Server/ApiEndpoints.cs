using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;
using SloQuality.Jobs;

namespace SloQuality.Server;

/// <summary>
/// The REST API under <c>/api</c> (OpenAPI at <c>/api/openapi.json</c>): datasets with their validation
/// state, runs (list, one with its progress, items), starting a run, SLO status, report downloads.
/// Reading needs any credential, starting a run a full one.
/// </summary>
public static partial class ApiEndpoints
{
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2})$")]
    private static partial Regex PeriodPattern();

    public static void MapSloQualityApi(this WebApplication app)
    {
        // Any credential reads, a full one writes: the rule travels with each endpoint (AccessMiddleware).
        var api = app.MapGroup("/api").WithMetadata(AccessRule.ReadOnlyReads);

        api.MapGet("/datasets", (DatasetCatalog catalog) => Results.Json(catalog.LoadAll().Select(d => new
        {
            name = Path.GetFileNameWithoutExtension(d.Path),
            path = d.Path,
            valid = d.IsValid,
            items = d.Dataset?.Items.Count,
            content_hash = d.Dataset?.ContentHash,
            problems = d.Problems.Select(p => p.ToString()),
            warnings = d.Warnings.Select(p => p.ToString()),
        }), SloqJson.Compact));

        api.MapGet("/runs", async (IResultStore results, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var runs = await results.GetRunsAsync(now.AddDays(-30), now.AddMinutes(1), ct).ConfigureAwait(false);
            return Results.Json(runs.Select(r => r.Run).Reverse(), SloqJson.Compact);
        });

        api.MapGet("/runs/{runId}", async (string runId, IResultStore results, IRunChunkStore chunks, CancellationToken ct) =>
        {
            var run = await results.GetRunAsync(runId, ct).ConfigureAwait(false);
            if (run is null)
            {
                return Results.NotFound(new { error = $"no run '{runId}'" });
            }

            var progress = await chunks.GetProgressAsync(runId, ct).ConfigureAwait(false);
            var stored = (await results.GetCompletedItemsAsync(runId, ct).ConfigureAwait(false)).Count;
            return Results.Json(new { run, items_stored = stored, chunks = progress }, SloqJson.Compact);
        });

        api.MapGet("/runs/{runId}/items", async (string runId, IResultStore results, CancellationToken ct) =>
            Results.Json((await results.GetItemResultsAsync(runId, ct).ConfigureAwait(false)).Select(ItemLine.From), SloqJson.Compact));

        api.MapPost("/runs", async (StartRunRequest? request, RunStarter starter, IModelClientProvider clients, CancellationToken ct) =>
        {
            // Refused here, before anything is planned: a run that cannot succeed must not sit in the queue.
            if (ApiRequests.RunProblem(request, clients) is { } refused)
            {
                return refused;
            }

            var (runId, problems) = await starter.StartAsync(request!.Dataset, request.Target, request.Repeat ?? 1, RunOrigins.Api, ct).ConfigureAwait(false);
            return runId is null
                ? Results.BadRequest(new { error = "the run did not start", problems = problems.Select(p => p.ToString()) })
                : Results.Accepted($"/api/runs/{runId}", new { run_id = runId });
        });

        api.MapPost("/signoffs", async (StartSignoffRequest? request, IModelClientProvider clients, IResultStore results, IBackgroundJobClient jobs, CancellationToken ct) =>
        {
            if (await ApiRequests.SignoffProblemAsync(request, clients, results, ct).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var jobId = jobs.Enqueue<SignoffJob>(j => j.RunAsync(request!.Candidate, request.Baseline, request.Approver, CancellationToken.None));
            return Results.Accepted("/api/signoffs", new { job_id = jobId, candidate = request!.Candidate, baseline = request.Baseline });
        });

        api.MapGet("/signoffs", async (ISignoffStore signoffs, CancellationToken ct) =>
            Results.Json((await signoffs.ListSignoffsAsync(100, ct).ConfigureAwait(false))
                .Select(s => new { signoff_id = s.SignoffId, at = s.At, candidate = s.Candidate, baseline = s.Baseline, verdict = s.Verdict, approver = s.Approver }), SloqJson.Compact));

        api.MapGet("/signoffs/{signoffId}", async (string signoffId, ISignoffStore signoffs, CancellationToken ct) =>
            await signoffs.GetSignoffAsync(signoffId, ct).ConfigureAwait(false) is { } json ? Results.Text(json, "application/json; charset=utf-8") : Results.NotFound());

        api.MapGet("/slo", async (ISloSliceStore slices, TimeProvider time, ServerSettings settings, CancellationToken ct) =>
        {
            var (set, problems) = SloCatalog.Load(settings.ConfigFolder);
            if (problems.Count > 0)
            {
                return Results.Json(new { error = "slos.yaml is invalid", problems = problems.Select(p => p.ToString()) }, SloqJson.Compact, statusCode: 500);
            }

            var fold = await SloFoldService.Create(slices, time, settings.ConfigFolder).FoldAsync(set, ct).ConfigureAwait(false);
            return Results.Json(fold, SloqJson.Compact);
        });

        // Only the three report files of a well-formed period: nothing outside the reports folder can be named.
        api.MapGet("/reports/{kind}/{period}/{file}", (string kind, string period, string file, ServerSettings settings) =>
        {
            if (kind is not ("daily" or "weekly") || !PeriodPattern().IsMatch(period) || file is not ("report.html" or "report.md" or "report.json"))
            {
                return Results.NotFound();
            }

            var path = Path.Combine(settings.OutputFolder, "reports", kind, period, file);
            var type = file.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : file.EndsWith(".md", StringComparison.Ordinal) ? "text/markdown" : "application/json";
            // No download name: a browser shows the report where it is opened (it is self-contained and loads nothing).
            return File.Exists(path) ? Results.File(Path.GetFullPath(path), type + "; charset=utf-8") : Results.NotFound();
        });
    }

    /// <summary>POST /api/signoffs: the candidate target, the baseline (a target or a run id), and who asks.</summary>
    public sealed record StartSignoffRequest(string Candidate, string Baseline, string? Approver);

    /// <summary>POST /api/runs: a dataset by name, a model target, and optionally the repeat count.</summary>
    public sealed record StartRunRequest(string Dataset, string Target, int? Repeat);
}
