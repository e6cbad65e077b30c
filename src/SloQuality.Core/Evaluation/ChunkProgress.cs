namespace SloQuality.Core.Evaluation;

/// <summary>Chunks of a run completed so far, out of all; <see cref="AllDone"/> once every chunk has reported.</summary>
public sealed record ChunkProgress(int Done, int Total)
{
    public bool AllDone => Done >= Total;
}
