using System.Globalization;
using System.Text;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Review;

/// <summary>
/// The review sheet: a CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) with
/// the output, its item's question and reference, the detector's verdict and score, and an empty
/// <c>label</c> column for the reviewer (<c>yes</c> = hallucinated, <c>no</c> = faithful, empty = skipped).
/// </summary>
public static class ReviewCsv
{
    public static readonly string[] Columns = ["run_id", "item_id", "repeat", "stratum", "detector_hallucinated", "detector_score", "question", "reference", "context", "output", "label", "reviewer", "note"];

    public static string Write(string runId, IReadOnlyList<(ItemResult Result, string Stratum)> rows, IReadOnlyDictionary<string, GoldenItem>? items)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append("\r\n");
        foreach (var (r, stratum) in rows)
        {
            var item = items?.GetValueOrDefault(r.ItemId);
            string[] fields = [runId, r.ItemId, r.RepeatIndex.ToString(CultureInfo.InvariantCulture), stratum, r.Hallucinated == true ? "yes" : "no",
                r.HallucinationScore?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty, item?.Prompt ?? string.Empty,
                item is null ? string.Empty : string.Join(" | ", item.Reference), item is null ? string.Empty : string.Join(" | ", item.Context), r.Output, string.Empty, string.Empty, string.Empty];
            csv.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The labelled rows; every row that cannot be read is a <c>path:line</c> problem and the others are kept.</summary>
    public static (IReadOnlyList<ReviewLabel> Labels, IReadOnlyList<DatasetProblem> Problems) Read(string path)
    {
        var problems = new List<DatasetProblem>();
        var records = Parse(File.ReadAllText(path));
        if (records.Count == 0)
        {
            problems.Add(new DatasetProblem(path, 1, "the file is empty, expected a header row: " + string.Join(',', Columns)));
            return ([], problems);
        }

        var header = records[0].Fields;
        int Column(string name) => Array.IndexOf(header, name);
        var (run, item, repeat, label, reviewer, note) = (Column("run_id"), Column("item_id"), Column("repeat"), Column("label"), Column("reviewer"), Column("note"));
        if (run < 0 || item < 0 || repeat < 0 || label < 0)
        {
            problems.Add(new DatasetProblem(path, 1, "the header needs run_id, item_id, repeat and label columns"));
            return ([], problems);
        }

        var labels = new List<ReviewLabel>();
        foreach (var (line, fields) in records.Skip(1))
        {
            string Field(int i) => i >= 0 && i < fields.Length ? fields[i].Trim() : string.Empty;
            var value = Field(label).ToLowerInvariant();
            if (value.Length == 0)
            {
                continue;   // not reviewed
            }

            if (value is not ("yes" or "no" or "hallucinated" or "faithful" or "1" or "0" or "true" or "false"))
            {
                problems.Add(new DatasetProblem(path, line, $"label '{Field(label)}' is not a verdict, expected yes (hallucinated) or no (faithful), or empty to skip"));
                continue;
            }

            if (!int.TryParse(Field(repeat), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) || Field(run).Length == 0 || Field(item).Length == 0)
            {
                problems.Add(new DatasetProblem(path, line, "run_id, item_id and repeat (a whole number) are needed to know which output the label is for"));
                continue;
            }

            labels.Add(new ReviewLabel(Field(run), Field(item), r, value is "yes" or "hallucinated" or "1" or "true", NullIfEmpty(Field(reviewer)), NullIfEmpty(Field(note)), line));
        }

        return (labels, problems);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Quote(string field) => field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>RFC 4180 records with the line each starts on.</summary>
    private static List<(int Line, string[] Fields)> Parse(string text)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted) = (1, 1, false);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    records.Add((recordLine, fields.ToArray()));
                }

                fields.Clear();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields.ToArray()));
        }

        return records;
    }
}
