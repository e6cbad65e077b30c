using System.CommandLine;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Datasets;

namespace SloQuality.Cli.Commands;

/// <summary><c>sloq datasets validate PATH...</c>: every problem of every file; exit 2 if any file is invalid.</summary>
public static class ValidateCommand
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "validate",
        "Checks dataset files and folders; prints every problem as path:line: message (exit 2 if any file is invalid).",
        [new Argument<string[]>("PATH") { Description = "dataset files or folders", Arity = ArgumentArity.OneOrMore }],
        (parsed, cancellationToken) => Task.FromResult(Run(parsed, stdout, stderr, cancellationToken)));

    public static int Run(Arguments parsed, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var missing = parsed.Positional.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        var results = new List<DatasetLoadResult>();
        var invalid = missing.Count;
        foreach (var path in missing)
        {
            stderr.WriteLine($"{path}:0: no such file or folder{MissingPath.Suggestion(path)}");
        }

        // Between files, SIGTERM or Ctrl+C ends the check at once (one file is bounded by the size limit).
        foreach (var result in GoldenDatasetLoader.LoadEach(parsed.Positional.Except(missing), DatasetLimits.FromEnvironment(Environment.GetEnvironmentVariable)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(result);
            var file = result.Path;
            foreach (var warning in result.Warnings)
            {
                stderr.WriteLine($"{warning.Path}:{warning.Line}: warning: {warning.Message}");
            }

            if (result.IsValid)
            {
                stdout.WriteLine($"valid    {file} ({result.Dataset!.Items.Count} items, version {result.Dataset.ContentHash[..12]})");
                continue;
            }

            invalid++;
            stdout.WriteLine($"INVALID  {file} ({result.Problems.Count} problem{(result.Problems.Count == 1 ? string.Empty : "s")})");
            foreach (var problem in result.Problems)
            {
                stderr.WriteLine(problem.ToString());
            }
        }

        if (results.Count == 0 && missing.Count == 0)
        {
            stderr.WriteLine($"{string.Join(", ", parsed.Positional)}:0: no dataset files (*.jsonl, *.yaml, *.yml) found");
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"{results.Count - (invalid - missing.Count)} valid, {invalid} invalid");
        return invalid > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }
}
