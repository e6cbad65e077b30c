namespace SloQuality.Core.Evaluation;

/// <summary>How one run is executed.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The run id; a new one is made when null. Giving an existing id resumes that run.</summary>
    public string? RunId { get; init; }

    /// <summary>Requests in flight at once. Default 8; must be 1 or more.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Times each item is sent. Default 1.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>What started the run (<see cref="RunOrigins"/>); a resumed run keeps the origin it was stored with.</summary>
    public string Origin { get; init; } = RunOrigins.Cli;

    public void Validate()
    {
        if (!RunOrigins.IsKnown(Origin) || Origin == RunOrigins.Production)
        {
            throw new ArgumentOutOfRangeException(nameof(Origin), Origin, $"origin must be one of {RunOrigins.Schedule}, {RunOrigins.Api}, {RunOrigins.Cli}, {RunOrigins.Signoff}");
        }

        if (Concurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, "concurrency must be 1 or more");
        }

        if (Repeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Repeat), Repeat, "repeat must be 1 or more");
        }
    }
}
