using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace SloQuality.Core.Signoff;

/// <summary>The sign-off for machines and people: JUnit XML (one test case per rule, a failure per failed rule, a skip per rule without enough evidence) and Markdown for a pull request.</summary>
public static class SignoffWriters
{
    public static string JUnit(SignoffRecord record)
    {
        var suites = new XElement("testsuites", new XAttribute("name", $"sign-off {record.Candidate} against {record.Baseline}"));
        foreach (var (name, verdict) in Sections(record))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", name),
                new XAttribute("tests", verdict.Rules.Count),
                new XAttribute("failures", verdict.Rules.Count(r => r.Outcome == SignoffRule.Fail)),
                new XAttribute("skipped", verdict.Rules.Count(r => r.Outcome is SignoffRule.Insufficient or SignoffRule.NotMeasured)),
                new XAttribute("errors", 0),
                new XAttribute("timestamp", record.At.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)));
            foreach (var rule in verdict.Rules)
            {
                var test = new XElement("testcase", new XAttribute("classname", $"signoff.{name}"), new XAttribute("name", rule.Name), new XAttribute("time", 0));
                test.Add(rule.Outcome switch
                {
                    SignoffRule.Fail => new XElement("failure", new XAttribute("message", rule.Detail), rule.Detail),
                    SignoffRule.Insufficient => new XElement("skipped", new XAttribute("message", "insufficient evidence: " + rule.Detail)),
                    SignoffRule.NotMeasured => new XElement("skipped", new XAttribute("message", "not measured: " + rule.Detail)),
                    _ => new XElement("system-out", rule.Detail),
                });
                suite.Add(test);
            }

            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString() + "\n";
    }

    public static string Markdown(SignoffRecord record)
    {
        var md = new StringBuilder();
        var icon = record.Result.Verdict switch { SignoffVerdict.Approved => "✅", SignoffVerdict.Rejected => "❌", _ => "⚠️" };
        md.AppendLine($"## {icon} Sign-off of `{Cell(record.Candidate)}` against `{Cell(record.Baseline)}`: **{record.Result.Verdict}**");
        md.AppendLine();
        md.AppendLine($"{record.SignoffId}, {record.At:u}" + (record.Approver is null ? string.Empty : $", approver {Cell(record.Approver)}") + $", {record.Result.PairedItems} paired items.");
        foreach (var (name, verdict) in Sections(record))
        {
            md.AppendLine();
            md.AppendLine($"### {Cell(name)}: {verdict.Verdict}");
            md.AppendLine();
            md.AppendLine("| rule | outcome | figures |");
            md.AppendLine("|---|---|---|");
            foreach (var rule in verdict.Rules)
            {
                md.AppendLine($"| {Cell(rule.Name)} | {rule.Outcome} | {Cell(rule.Detail)} |");
            }
        }

        return md.ToString();
    }

    private static IEnumerable<(string Name, SignoffVerdict Verdict)> Sections(SignoffRecord record) =>
        new[] { ("overall", record.Result) }.Concat(record.Datasets.Select(d => ($"{d.Dataset} ({d.ContentHash[..Math.Min(12, d.ContentHash.Length)]})", d.Verdict)));

    private static string Cell(string text) => Reports.MarkdownReport.Cell(text, 400);
}
