namespace SloQuality.Core.Hallucination.Calibration;

/// <summary>
/// A raw classifier score turned into a probability, p = 1 / (1 + e^−(A·s + B)), fitted by Newton's
/// method on out-of-fold scores (never on the model's own training rows, where a boosted model is
/// overconfident), with Platt's smoothed targets so a perfectly separated fold does not make it infinite.
/// </summary>
public sealed record PlattScaling(double A, double B)
{
    public static PlattScaling Identity { get; } = new(1, 0);

    public double Probability(double score) => Sigmoid((A * score) + B);

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>The cross-entropy of the targets under σ(a·s + b), computed without overflow.</summary>
    private static double Loss(double[] scores, double[] targets, double[] weights, double a, double b)
    {
        var loss = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var f = (a * scores[i]) + b;
            // −[t·log σ(f) + (1−t)·log(1−σ(f))] = log(1 + e^f) − t·f, in its stable form.
            loss += weights[i] * ((f >= 0 ? f + Math.Log(1 + Math.Exp(-f)) : Math.Log(1 + Math.Exp(f))) - (targets[i] * f));
        }

        return loss;
    }

    public static PlattScaling Fit(IReadOnlyList<(double Score, bool Positive)> scored) => Fit(scored.Select(s => (s.Score, s.Positive, 1.0)).ToList());

    /// <summary>Fitted with a weight per score (a case counted more than once, or less).</summary>
    public static PlattScaling Fit(IReadOnlyList<(double Score, bool Positive, double Weight)> scored)
    {
        var positives = scored.Where(s => s.Positive).Sum(s => s.Weight);
        var negatives = scored.Where(s => !s.Positive).Sum(s => s.Weight);
        if (positives <= 0 || negatives <= 0)
        {
            return new PlattScaling(1, positives == 0 ? -4 : 4);
        }

        // Lin, Lin and Weng's Newton method with backtracking (A note on Platt's probabilistic outputs,
        // 2007): stable when the scores are large or the classes separate, where plain Newton diverges.
        var (high, low) = ((positives + 1.0) / (positives + 2.0), 1.0 / (negatives + 2.0));
        var targets = scored.Select(s => s.Positive ? high : low).ToArray();
        var scores = scored.Select(s => s.Score).ToArray();
        var weights = scored.Select(s => s.Weight).ToArray();
        var (a, b) = (0.0, Math.Log((positives + 1.0) / (negatives + 1.0)));
        var loss = Loss(scores, targets, weights, a, b);
        const double Sigma = 1e-12;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = Sigma, hab = 0, hbb = Sigma;
            for (var i = 0; i < scores.Length; i++)
            {
                var p = Sigmoid((a * scores[i]) + b);
                var w = weights[i] * p * (1 - p);
                var d = weights[i] * (p - targets[i]);
                ga += d * scores[i];
                gb += d;
                haa += w * scores[i] * scores[i];
                hab += w * scores[i];
                hbb += w;
            }

            if (Math.Abs(ga) < 1e-5 && Math.Abs(gb) < 1e-5)
            {
                break;
            }

            var det = (haa * hbb) - (hab * hab);
            var (da, db) = (-((hbb * ga) - (hab * gb)) / det, -((haa * gb) - (hab * ga)) / det);
            var slope = (ga * da) + (gb * db);
            var step = 1.0;
            while (step >= 1e-10)
            {
                var (na, nb) = (a + (step * da), b + (step * db));
                var next = Loss(scores, targets, weights, na, nb);
                if (next < loss + (1e-4 * step * slope))
                {
                    (a, b, loss) = (na, nb, next);
                    break;
                }

                step /= 2;
            }

            if (step < 1e-10)
            {
                break;
            }
        }

        return new PlattScaling(a, b);
    }
}
