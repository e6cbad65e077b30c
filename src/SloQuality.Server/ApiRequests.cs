using SloQuality.Core.Evaluation;
using SloQuality.Jobs;

namespace SloQuality.Server;

/// <summary>
/// Checks a POST body before anything is planned or queued: a missing field is a 400 that names it,
/// and a name echoed back is cut short, so a megabyte of name does not come back as a megabyte of error.
/// </summary>
public static class ApiRequests
{
    private const int MaxEcho = 80;

    /// <summary>Dataset and target names are file and YAML names; nothing longer is one.</summary>
    private const int MaxName = 255;

    public static string Echo(string? value) => value is null ? "null" : value.Length <= MaxEcho ? value : value[..MaxEcho] + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"… ({value.Length:N0} characters)");

    public static IResult? RunProblem(ApiEndpoints.StartRunRequest? request, IModelClientProvider clients)
    {
        if (Missing(request, ("dataset", request?.Dataset), ("target", request?.Target)) is { } missing)
        {
            return missing;
        }

        if (TooLong(("dataset", request!.Dataset), ("target", request.Target)) is { } tooLong)
        {
            return tooLong;
        }

        if (request.Repeat is < 1 or > 100)
        {
            return Results.BadRequest(new { error = $"repeat is {request.Repeat}, expected a whole number from 1 to 100" });
        }

        return clients.Get(request.Target).Problem is { } targetProblem
            ? Results.BadRequest(new { error = "the run did not start", problems = new[] { Shorten(targetProblem, request.Target) } })
            : null;
    }

    /// <summary>A sign-off needs a candidate target, and a baseline that is a model target or a stored run.</summary>
    public static async Task<IResult?> SignoffProblemAsync(ApiEndpoints.StartSignoffRequest? request, IModelClientProvider clients, IResultStore results, CancellationToken cancellationToken)
    {
        if (Missing(request, ("candidate", request?.Candidate), ("baseline", request?.Baseline)) is { } missing)
        {
            return missing;
        }

        if (TooLong(("candidate", request!.Candidate), ("baseline", request.Baseline)) is { } tooLong)
        {
            return tooLong;
        }

        if (clients.Get(request.Candidate).Problem is { } candidateProblem)
        {
            return Results.BadRequest(new { error = "the sign-off did not start", problems = new[] { Shorten(candidateProblem, request.Candidate) } });
        }

        if (request.Baseline == request.Candidate)
        {
            return Results.BadRequest(new { error = "the sign-off did not start", problems = new[] { "the baseline is the candidate itself, expected another model target or a run of one" } });
        }

        var isTarget = clients.Get(request.Baseline).Problem is null;
        var isRun = !isTarget && await results.GetRunAsync(request.Baseline, cancellationToken).ConfigureAwait(false) is not null;
        return isTarget || isRun
            ? null
            : Results.BadRequest(new { error = "the sign-off did not start", problems = new[] { $"the baseline '{Echo(request.Baseline)}' is neither a model target nor a stored run id" } });
    }

    private static IResult? Missing(object? request, params (string Name, string? Value)[] fields)
    {
        if (request is null)
        {
            return Results.BadRequest(new { error = $"the body is empty, expected a JSON object with {string.Join(" and ", fields.Select(f => $"'{f.Name}'"))}" });
        }

        var missing = fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => $"'{f.Name}'").ToList();
        return missing.Count == 0 ? null : Results.BadRequest(new { error = $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing or empty, expected a name" });
    }

    private static IResult? TooLong(params (string Name, string Value)[] fields) =>
        fields.FirstOrDefault(f => f.Value.Length > MaxName) is { Name: not null } field
            ? Results.BadRequest(new { error = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{field.Name}' is {field.Value.Length:N0} characters ('{Echo(field.Value)}'), expected a name of at most {MaxName}") })
            : null;

    private static string Shorten(string problem, string name) => name.Length <= MaxEcho ? problem : problem.Replace(name, Echo(name), StringComparison.Ordinal);
}
