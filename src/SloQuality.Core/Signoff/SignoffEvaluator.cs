using System.Globalization;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Signoff;

/// <summary>
/// Compares a candidate's results with the baseline's item by item (pairs by item and repeat) and
/// applies the policy: each SLO must be met by the candidate (read as the SLO fold reads it), and no
/// metric may regress significantly beyond its margin: correctness, hallucination and availability by
/// McNemar's exact test on the paired verdicts, TTFT p50/p99 and inter-token p99 by a paired bootstrap
/// of the percentile's difference; Holm's correction across those tests.
/// </summary>
public sealed class SignoffEvaluator(SignoffPolicy policy)
{
    public SignoffVerdict Evaluate(RunRecord candidateRun, IReadOnlyList<ItemResult> baseline, IReadOnlyList<ItemResult> candidate, SloSet slos)
    {
        var baselineByKey = baseline.ToDictionary(r => (r.ItemId, r.RepeatIndex));
        var pairs = candidate.Where(c => baselineByKey.ContainsKey((c.ItemId, c.RepeatIndex))).Select(c => (Baseline: baselineByKey[(c.ItemId, c.RepeatIndex)], Candidate: c)).ToList();
        var rules = new List<SignoffRule>();
        rules.AddRange(SloRules(candidateRun, candidate, slos));

        var tests = new List<(string Name, double? P, Func<double, SignoffRule> Rule)>
        {
            Paired("correctness", pairs, r => r.Error is null ? r.Correct : null, higherIsBetter: true, policy.CorrectnessMargin),
            Paired("hallucination", pairs, r => r.Error is null ? r.Hallucinated is { } h ? !h : null : null, higherIsBetter: true, policy.HallucinationMargin, reportBad: true),
            Paired("availability", pairs, r => !r.Unavailable, higherIsBetter: true, policy.AvailabilityMargin),
            Latency("ttft_p50", pairs, r => r.TtftMs is { } t ? [t] : [], 0.50),
            Latency("ttft_p99", pairs, r => r.TtftMs is { } t ? [t] : [], 0.99),
            Latency("itl_p99", pairs, r => r.GapsMs, 0.99),
        };
        // The family for Holm's correction is the metrics both runs measured.
        var measured = tests.Where(t => t.P is not null).ToList();
        var adjusted = HolmCorrection.Adjust(measured.Select(t => t.P!.Value).ToList());
        rules.AddRange(tests.Select(t => t.P is null ? t.Rule(1) : t.Rule(adjusted[measured.IndexOf(t)])));
        return new SignoffVerdict(SignoffVerdict.Decide(rules), rules, pairs.Count);
    }

    private IEnumerable<SignoffRule> SloRules(RunRecord run, IReadOnlyList<ItemResult> candidate, SloSet set)
    {
        var sum = SliCalculator.Sum(SliceAggregator.Aggregate(run, candidate));
        foreach (var slo in set.Slos.Where(s => policy.Gates(s.Name) && s.Sli != SliKinds.Mttr && s.Sli != SliKinds.DriftSimilarity && s.Scope.Covers(run.ModelTarget, run.DatasetName)))
        {
            var reading = SliCalculator.Read(slo, set.Availability, sum);
            var name = $"slo {slo.Name}";
            if (reading.Value is not { } value)
            {
                yield return new SignoffRule(name, SignoffRule.Slo, SignoffRule.Insufficient, $"{slo.Sli}: no data in the candidate's run");
                continue;
            }

            var status = policy.SloByInterval ? SloEvaluation.StatusOf(slo, value, reading.Low, reading.High) : slo.Satisfies(value) ? SloEvaluation.Met : SloEvaluation.Breached;
            var figures = string.Create(CultureInfo.InvariantCulture, $"{slo.Sli} {Reports.SloFigures.Value(slo.Sli, value)} [{Reports.SloFigures.Value(slo.Sli, reading.Low)}, {Reports.SloFigures.Value(slo.Sli, reading.High)}] over n = {reading.N}; promise {slo.Sli} {slo.Operator} {slo.Target.ToString(CultureInfo.InvariantCulture)}");
            switch (status)
            {
                case SloEvaluation.Met:
                    yield return new SignoffRule(name, SignoffRule.Slo, SignoffRule.Pass, figures + ": met");
                    break;
                case SloEvaluation.Breached:
                    yield return new SignoffRule(name, SignoffRule.Slo, SignoffRule.Fail, figures + ": breached");
                    break;
                default:
                    var needed = SliKinds.Rates.Contains(slo.Sli)
                        ? SliKinds.LowerIsBetter(slo.Sli) ? EvidenceSize.ItemsToShowBelow(value, slo.Target) : EvidenceSize.ItemsToShowAtLeast(value, slo.Target)
                        : null;
                    yield return new SignoffRule(name, SignoffRule.Slo, SignoffRule.Insufficient,
                        figures + $": the interval cannot show it with {reading.N} items" + (needed is { } n ? $"; about {n} items would, if the rate held" : string.Empty), ItemsNeeded: needed);
                    break;
            }
        }
    }

    private (string, double?, Func<double, SignoffRule>) Paired(string metric, List<(ItemResult Baseline, ItemResult Candidate)> pairs, Func<ItemResult, bool?> good, bool higherIsBetter, double margin, bool reportBad = false)
    {
        var judged = pairs.Select(p => (B: good(p.Baseline), C: good(p.Candidate))).Where(p => p.B is not null && p.C is not null).Select(p => (B: p.B!.Value, C: p.C!.Value)).ToList();
        var onlyBaselineGood = judged.Count(p => p.B && !p.C);
        var onlyCandidateGood = judged.Count(p => !p.B && p.C);
        if (judged.Count == 0)
        {
            return (metric, null, _ => new SignoffRule($"no regression: {metric}", SignoffRule.Regression, SignoffRule.NotMeasured, $"{metric}: no paired item has a verdict in both runs"));
        }

        var p = McNemar.ExactPValue(onlyBaselineGood, onlyCandidateGood);
        double Rate(bool candidate) => judged.Count == 0 ? 0 : judged.Count(x => (candidate ? x.C : x.B) != reportBad) / (double)judged.Count;
        var (baselineRate, candidateRate) = (Rate(false), Rate(true));
        var worse = reportBad ? candidateRate - baselineRate : baselineRate - candidateRate;
        return (metric, p, adjusted =>
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{metric} {baselineRate:P2} → {candidateRate:P2} over {judged.Count} paired items; discordant {onlyBaselineGood} worse / {onlyCandidateGood} better; McNemar exact p = {p:0.####} (Holm {adjusted:0.####}); tolerated {(reportBad ? "rise" : "drop")} {margin:P1}");
            var regressed = adjusted < policy.Alpha && onlyBaselineGood > onlyCandidateGood && worse > margin;
            return new SignoffRule($"no regression: {metric}", SignoffRule.Regression, regressed ? SignoffRule.Fail : SignoffRule.Pass, detail, p, adjusted);
        });
    }

    private (string, double?, Func<double, SignoffRule>) Latency(string metric, List<(ItemResult Baseline, ItemResult Candidate)> pairs, Func<ItemResult, IReadOnlyList<double>> values, double quantile)
    {
        var usable = pairs.Where(p => values(p.Baseline).Count > 0 && values(p.Candidate).Count > 0).ToList();
        if (usable.Count < 2)
        {
            return (metric, null, _ => new SignoffRule($"no regression: {metric}", SignoffRule.Regression, SignoffRule.NotMeasured, $"{metric}: fewer than 2 paired items measured it in both runs"));
        }

        double Quantile(IEnumerable<int> indices, bool candidate)
        {
            var sample = indices.SelectMany(i => values(candidate ? usable[i].Candidate : usable[i].Baseline)).Order().ToList();
            return QuantileEstimate.FromSorted(sample, quantile).Value ?? 0;
        }

        var all = Enumerable.Range(0, usable.Count).ToList();
        var (baselineValue, candidateValue) = (Quantile(all, false), Quantile(all, true));
        var random = new Random(policy.Seed);
        var differences = new double[policy.Resamples];
        for (var r = 0; r < policy.Resamples; r++)
        {
            var draw = Enumerable.Range(0, usable.Count).Select(_ => random.Next(usable.Count)).ToList();
            differences[r] = Quantile(draw, true) - Quantile(draw, false);
        }

        Array.Sort(differences);
        var (low, high) = (differences[(int)(0.025 * (differences.Length - 1))], differences[(int)(0.975 * (differences.Length - 1))]);
        var atMost = (1 + differences.Count(d => d <= 0)) / (double)(differences.Length + 1);
        var atLeast = (1 + differences.Count(d => d >= 0)) / (double)(differences.Length + 1);
        var p = Math.Min(1, 2 * Math.Min(atMost, atLeast));
        var difference = candidateValue - baselineValue;
        return (metric, p, adjusted =>
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{metric} {baselineValue:0.#} ms → {candidateValue:0.#} ms over {usable.Count} paired items; difference {difference:+0.#;-0.#;0} ms, 95% bootstrap [{low:+0.#;-0.#;0}, {high:+0.#;-0.#;0}]; p = {p:0.####} (Holm {adjusted:0.####}); tolerated rise {policy.LatencyMargin:P0}");
            var regressed = adjusted < policy.Alpha && difference > policy.LatencyMargin * baselineValue;
            return new SignoffRule($"no regression: {metric}", SignoffRule.Regression, regressed ? SignoffRule.Fail : SignoffRule.Pass, detail, p, adjusted);
        });
    }
}
