using SloQuality.Cli.Commands;

namespace SloQuality.Cli;

/// <summary>The <c>sloq</c> command line: dispatches to a command and maps failures to exit codes.</summary>
public static class SloqApp
{
    public const string Usage = """
        sloq: LLM quality and latency SLOs from golden datasets

        usage:
          sloq evaluate --dataset PATH --model NAME --out DIR [--config DIR] [--store FILE]
                        [--concurrency N] [--repeat K] [--run-id ID] [--judge TARGET] [--no-progress]
              Runs a dataset (or every dataset in a folder) against a model target from
              jobs/targets.yaml, or against recorded outputs with --model recorded:FILE.
          sloq baseline promote --run RUN_ID [--noise-run RUN_ID] [--approver NAME] [--store FILE]
              Makes a completed run the drift baseline of its model target and dataset; its
              noise floor comes from the run's repeats (--repeat 2+) or from --noise-run.
          sloq baseline show [--model NAME] [--dataset NAME] [--store FILE]
              Lists the current baselines.
          sloq slo status [--config DIR] [--store FILE] [--at TIME] [--gate]
              Folds the result store into SLO compliance per model target (catching up missed
              days and weeks); --gate exits 1 when an SLO is breached.
          sloq slo explain --target 99.9 [--period 30d]
              The error budget and the burn-rate alert table for an objective.
          sloq slo import FILE [--out FILE] | sloq slo export [--config DIR] [--out FILE]
              OpenSLO v1 to slos.yaml form, and back.
          sloq report daily --date YYYY-MM-DD --out DIR [--config DIR] [--store FILE]
          sloq report weekly --week YYYY-Www --out DIR [--config DIR] [--store FILE]
              The quality report: SLO tables, 30-day trends, budget burn-down, worst items, changes.
          sloq slo import-prometheus [--url URL] [--since 6h | --from TIME] [--to TIME]
              Imports production latency and availability SLIs (production.yaml) from Prometheus.
          sloq detector train --data FILE... --out MODEL [--algorithm fasttree|logistic]
          sloq detector evaluate --data FILE... [--model MODEL] [--threshold P]
              Trains the hallucination detector on labelled outputs (TruthfulQA, HaluEval or our
              own JSON Lines), or measures it on data it was not trained on.
          sloq signoff --candidate TARGET --baseline TARGET|RUN_ID [--datasets GLOB] [--policy FILE]
                       [--junit FILE] [--markdown FILE] [--approver NAME] [--max-age 7d]
              Model-release sign-off: paired statistics against the baseline, a verdict with its
              rules (exit 0 approved, 1 rejected, 2 insufficient evidence), a stored record.
          sloq compare RUN_A RUN_B [--markdown FILE] [--dataset PATH] [--config DIR] [--store FILE]
              Two runs of one dataset side by side: the paired tests (B against A), the drift
              between their outputs, and the items whose verdict or output changed.
          sloq hitl sample --run RUN_ID --n N --out FILE.csv [--dataset PATH]
          sloq hitl import FILE.csv [--training FILE.jsonl --dataset PATH]
              Human review: a stratified sheet (flagged, unflagged, borderline) to label, and its
              labels back (the report then measures the detector; they can become training data).
          sloq datasets validate PATH...
              Checks dataset files and folders; prints every problem as path:line: message.
          sloq simulate --profile FILE [--profile FILE...] [--port P] [--datasets DIR...]
              Serves simulated models over an OpenAI-compatible API until stopped.

        exit codes: 0 success, 1 verdict against, 2 bad input or configuration, 3 infrastructure failure
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        stdout = TerminalSafeWriter.Wrap(stdout);
        stderr = TerminalSafeWriter.Wrap(stderr);
        try
        {
            return args switch
            {
                [] or ["--help" or "-h" or "help", ..] => Help(stdout),
                ["evaluate", .. var rest] => await new EvaluateCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["baseline", .. var rest] => await new BaselineCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["slo", .. var rest] => await new SloCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["report", .. var rest] => await new ReportCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["datasets", "validate", .. var rest] => ValidateCommand.Run(rest, stdout, stderr, cancellationToken),
                ["signoff", .. var rest] => await new SignoffCommand(stdout, stderr).RunAsync([.. rest], cancellationToken).ConfigureAwait(false),
                ["compare", .. var rest] => await new CompareCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["hitl", .. var rest] => await new HitlCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["detector", .. var rest] => await new DetectorCommand(stdout, stderr).RunAsync(rest, cancellationToken).ConfigureAwait(false),
                ["simulate", .. var rest] => await SimulateCommand.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command '{string.Join(' ', args.Take(2))}'; run 'sloq --help'"),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"sloq: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("sloq: cancelled").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return ExitCodes.Success;
    }
}
