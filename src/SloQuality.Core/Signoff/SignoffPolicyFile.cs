using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Signoff;

/// <summary>Reads a sign-off policy (<c>jobs/signoff.yaml</c> by default; every key documented there). Missing file: the defaults.</summary>
public static class SignoffPolicyFile
{
    public const string FileName = "signoff.yaml";

    /// <param name="knownSlos">The SLO names of slos.yaml: a name in <c>slos:</c> that is not one of them is a problem (a typo would silently drop a gate).</param>
    public static (SignoffPolicy Policy, IReadOnlyList<DatasetProblem> Problems) Load(string path, IReadOnlyCollection<string>? knownSlos = null)
    {
        var problems = new List<DatasetProblem>();
        var (r, root) = ConfigurationFile.Open(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path), "'alpha:', 'slo_by:' and 'margins:'", problems);
        var defaults = new SignoffPolicy();
        if (root is null)
        {
            return (defaults, problems);
        }

        r.RejectUnknown(root, string.Empty, "alpha", "slo_by", "margins", "resamples", "seed", "slos");
        var sloBy = r.String(root, "slo_by") ?? "interval";
        if (sloBy is not ("interval" or "point"))
        {
            r.Report(root.Get("slo_by")!.Line, $"slo_by: '{sloBy}' is not known, expected interval or point");
        }

        var margins = r.Mapping(root, "margins");
        if (margins is not null)
        {
            r.RejectUnknown(margins, "margins.", "correctness", "hallucination", "availability", "latency");
        }

        IReadOnlyList<string>? gating = null;
        switch (root.Get("slos"))
        {
            case null:
            case ScalarNode { Text: "all" }:
                break;
            case ScalarNode { Text: "none" }:
                gating = [];
                break;
            case SequenceNode list:
                gating = list.Items.OfType<ScalarNode>().Select(n => n.Text ?? string.Empty).ToList();
                foreach (var node in list.Items.OfType<ScalarNode>().Where(n => knownSlos is not null && !knownSlos.Contains(n.Text ?? string.Empty)))
                {
                    r.Report(node.Line, $"slos: '{node.Text}' is not an SLO of slos.yaml, expected one of: {string.Join(", ", knownSlos!)}");
                }

                break;
            case var other:
                r.Report(other.Line, "slos: expected all, none, or a list of SLO names from slos.yaml");
                break;
        }

        double Margin(string key, double fallback) => margins is null ? fallback : r.Number(margins, key, 0, 1) ?? fallback;
        return (new SignoffPolicy
        {
            Alpha = r.Number(root, "alpha", 0.0001, 0.5) ?? defaults.Alpha,
            SloByInterval = sloBy != "point",
            CorrectnessMargin = Margin("correctness", defaults.CorrectnessMargin),
            HallucinationMargin = Margin("hallucination", defaults.HallucinationMargin),
            AvailabilityMargin = Margin("availability", defaults.AvailabilityMargin),
            LatencyMargin = Margin("latency", defaults.LatencyMargin),
            Resamples = r.Integer(root, "resamples", 100, 100_000) ?? defaults.Resamples,
            Seed = r.Integer(root, "seed", 0, int.MaxValue) ?? defaults.Seed,
            Slos = gating,
        }, problems);
    }
}
