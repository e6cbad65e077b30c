using SloQuality.Cli.Parsing;
using SloQuality.Core.Slo;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq slo import FILE [--out FILE]</c>: an OpenSLO v1 file into <c>slos.yaml</c> form (stdout by
/// default), checked by loading it back. <c>sloq slo export [--config DIR] [--out FILE]</c>: our SLOs as
/// OpenSLO v1 documents.
/// </summary>
internal static class OpenSloFiles
{
    public static int Import(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var (slos, problems) = OpenSlo.Import(parsed.Positional[0]);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.ToString());
        }

        if (slos.Count == 0)
        {
            return ExitCodes.BadInput;
        }

        var yaml = SloYamlWriter.Write(slos);
        var check = Path.Combine(Path.GetTempPath(), $"sloq-import-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(check, yaml);
            var (_, again) = SloCatalog.LoadFile(check);
            foreach (var problem in again)
            {
                stderr.WriteLine($"{parsed.Positional[0]}:0: imported SLO does not validate: {problem.Message}");
            }

            if (again.Count > 0)
            {
                return ExitCodes.BadInput;
            }
        }
        finally
        {
            File.Delete(check);
        }

        Write(parsed.Value("out"), yaml, stdout);
        stderr.WriteLine($"sloq: imported {slos.Count} SLOs" + (problems.Count > 0 ? $" ({problems.Count} problems above)" : string.Empty));
        return problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    public static int Export(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var (set, problems) = SloCatalog.Load(parsed.Config);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.ToString());
        }

        if (problems.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        Write(parsed.Value("out"), OpenSlo.Export(set.Slos), stdout);
        return ExitCodes.Success;
    }

    private static void Write(string? path, string text, TextWriter stdout)
    {
        if (path is null)
        {
            stdout.Write(text);
            return;
        }

        File.WriteAllText(path, text);
    }
}
