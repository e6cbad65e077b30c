namespace SloQuality.Core.Evaluation;

/// <summary>What must match for a run id to be resumed: the dataset, its version, the target and the repeat count.</summary>
internal static class RunIdentity
{
    public static string? Mismatch(RunRecord stored, RunRecord asked)
    {
        var differences = new List<string>();
        if (stored.DatasetName != asked.DatasetName)
        {
            differences.Add($"dataset '{stored.DatasetName}', not '{asked.DatasetName}'");
        }
        else if (stored.DatasetHash != asked.DatasetHash)
        {
            differences.Add($"dataset version {Short(stored.DatasetHash)}, not {Short(asked.DatasetHash)} (the file changed since)");
        }

        if (stored.ModelTarget != asked.ModelTarget)
        {
            differences.Add($"model target '{stored.ModelTarget}', not '{asked.ModelTarget}'");
        }

        if (stored.Repeat != asked.Repeat)
        {
            differences.Add($"--repeat {stored.Repeat}, not {asked.Repeat}");
        }

        return differences.Count == 0
            ? null
            : $"run id '{stored.RunId}' is a run of {string.Join(", ", differences)}; resuming it would merge two runs. Give a new --run-id, or resume it with what it was started with";
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
