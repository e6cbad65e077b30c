using System.Globalization;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;

namespace SloQuality.Core.Signoff;

/// <summary>
/// The hallucination rates of both runs as human labels correct them, beside the paired test on the
/// detector's verdicts (which compares like with like and stays the gate): reported, never failing.
/// </summary>
public static class SignoffHallucination
{
    public const string Name = "hallucination corrected by human labels";

    public static SignoffRule Rule(RunSummary? baseline, RunSummary? candidate)
    {
        var (b, c) = (baseline?.Hallucination, candidate?.Hallucination);
        if (b?.Corrected is null && c?.Corrected is null)
        {
            var note = c?.CorrectedNote ?? b?.CorrectedNote ?? "no summary for either run";
            return new SignoffRule(Name, SignoffRule.Reported, SignoffRule.NotMeasured, $"no corrected rate: {note}; the detector's rates are {Figure(b)} (baseline) and {Figure(c)} (candidate)");
        }

        return new SignoffRule(Name, SignoffRule.Reported, SignoffRule.Pass,
            $"baseline {Corrected(b)} → candidate {Corrected(c)}; the detector's own rates {Figure(b)} → {Figure(c)}");
    }

    private static string Corrected(HallucinationRate? rate) => rate?.Corrected is { } e
        ? string.Create(CultureInfo.InvariantCulture, $"{e.Rate:P1} [{e.Low:P1}, {e.High:P1}] ({e.Labels} labels)")
        : "not corrected" + (rate?.CorrectedNote is { } note ? $" ({note})" : string.Empty);

    private static string Figure(HallucinationRate? rate) => rate?.Rate is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{r:P1} [{rate.Low:P1}, {rate.High:P1}] (n = {rate.N})")
        : "n/a";
}
