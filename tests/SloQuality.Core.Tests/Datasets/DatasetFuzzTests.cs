using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SloQuality.Core.Datasets;
using Xunit.Abstractions;

namespace SloQuality.Core.Tests.Datasets;

/// <summary>
/// Mutates the sample datasets (truncation, byte flips, deep nesting, huge numbers, invalid UTF-8,
/// aliases, duplicate keys and ids, NULs, lone surrogates) into thousands of seeded cases: each mutant
/// is valid or has <c>path:line</c> problems, within a memory bound, and the good file beside it stays valid.
/// </summary>
public sealed class DatasetFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 3_000;
    private const long AllocationBound = 256L * 1024 * 1024;
    private static readonly string[] Insertions =
    [
        new string('[', 5_000), new string('{', 70), "- " + string.Concat(Enumerable.Repeat("[", 200)),
        "1e999", "-1e400", "123456789012345678901234567890e99999", "NaN", "Infinity", ".inf",
        "&a [*a, *a]", "*undefined", "&x [a, a, a, a, a, a, a, a, a, a]\nb: &y [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\nc: [*y, *y, *y, *y, *y, *y, *y, *y, *y, *y]\n",
        "\\ud800", "\"\\udfff\"", "\u0000", "\t", "\r", "\"", "'", ": ", "- ", "? ", "!!binary ", "%YAML 1.1\n---\n", "---\n", "...\n",
        "{\"id\": \"dup\", \"input\": \"q\", \"reference\": \"r\", \"input\": \"x\"}\n",
    ];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task EveryMutantOfTheSampleDatasetsIsValidOrHasLineProblemsAndTheGoodFileBesideItStaysValid()
    {
        var samples = SloQuality.Tests.Shared.SampleDatasets.Paths.Select(f => (Extension: Path.GetExtension(f), Bytes: File.ReadAllBytes(f))).ToArray();
        var mutation = from kind in Gen.Choose(0, 8)
                       from position in Gen.Choose(0, int.MaxValue)
                       from value in Gen.Choose(0, 255)
                       from insertion in Gen.Choose(0, Insertions.Length - 1)
                       select new Mutation(kind, position, (byte)value, insertion);
        var cases = from sample in Gen.Choose(0, samples.Length - 1)
                    from count in Gen.Choose(1, 3)
                    from mutations in mutation.ArrayOf(count)
                    select (Sample: sample, Mutations: mutations);
        var tried = 0;
        var invalid = 0;
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (extension, bytes) = samples[c.Sample];
            var mutant = c.Mutations.Aggregate(bytes, (b, m) => m.Apply(b));
            invalid += Check(tried++, extension, mutant) ? 0 : 1;
        });

        var run = Task.Run(() => FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithReplay(20261203UL, 104729UL).WithQuietOnSuccess(true), property));
        await run.WaitAsync(TimeSpan.FromMinutes(2));

        output.WriteLine($"fuzz: {tried} mutated dataset files tried (seed 20261203), {invalid} of them invalid with path:line problems, every good file beside them valid");
        Assert.Equal(Cases, tried);
    }

    /// <summary>Loads the mutant beside a good file; true when the mutant itself is valid.</summary>
    private bool Check(int index, string extension, byte[] mutant)
    {
        var caseFolder = Path.Combine(folder.Path, index.ToString("D5"));
        Directory.CreateDirectory(caseFolder);
        var mutantPath = Path.Combine(caseFolder, "mutant" + extension);
        var goodPath = Path.Combine(caseFolder, "good.jsonl");
        File.WriteAllBytes(mutantPath, mutant);
        File.WriteAllText(goodPath, "{\"id\": \"a\", \"input\": \"q\", \"reference\": \"r\"}\n");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var results = GoldenDatasetLoader.LoadAll([caseFolder]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var lineCount = mutant.Count(b => b == (byte)'\n') + 1;

        var context = $"case {index}: {Preview(mutant)}";
        Assert.True(allocated < AllocationBound, $"{context}: the load allocated {allocated:N0} bytes");
        Assert.True(results.Single(r => r.Path == goodPath).IsValid, $"{context}: the good file beside it became invalid");
        var result = results.Single(r => r.Path == mutantPath);
        Assert.All(result.Problems, p =>
        {
            Assert.Equal(mutantPath, p.Path);
            Assert.True(p.Line >= 0 && p.Line <= lineCount, $"{context}: {p} is not at a line of the file ({lineCount} lines)");
            Assert.False(string.IsNullOrWhiteSpace(p.Message), context);
            Assert.False(p.Message.StartsWith("could not be read (", StringComparison.Ordinal), $"{context}: the loader threw: {p.Message}");
        });
        Assert.True(result.IsValid || result.Problems.Count > 0, context);
        Directory.Delete(caseFolder, recursive: true);
        return result.IsValid;
    }

    private static string Preview(byte[] bytes) => Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200)).ReplaceLineEndings("⏎");

    /// <summary>One change to a file's bytes, at a position taken modulo the file's length.</summary>
    public sealed record Mutation(int Kind, int Position, byte Value, int Insertion)
    {
        public byte[] Apply(byte[] bytes)
        {
            var at = bytes.Length == 0 ? 0 : Position % (bytes.Length + 1);
            var list = bytes.ToList();
            switch (Kind)
            {
                case 0:
                    return bytes[..at];
                case 1 when at < bytes.Length:
                    list[at] = Value;
                    break;
                case 2:
                case 3:
                    list.InsertRange(at, Encoding.UTF8.GetBytes(Insertions[Insertion]));
                    break;
                case 4:
                    list.InsertRange(at, Value % 3 == 0 ? [0xC3, 0x28] : Value % 3 == 1 ? [0xFF] : [0xED, 0xA0, 0x80]);
                    break;
                case 5:
                    var lineStart = Math.Max(0, bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1);
                    var lineEnd = bytes.AsSpan(at).IndexOf((byte)'\n') is var e and >= 0 ? at + e + 1 : bytes.Length;
                    list.InsertRange(lineEnd, bytes[lineStart..lineEnd]);
                    break;
                case 6:
                    list.RemoveRange(at, Math.Min(Value, bytes.Length - at));
                    break;
                case 7:
                    list.Insert(at, Value);
                    break;
                default:
                    list.InsertRange(at, Encoding.UTF8.GetBytes(Insertions[Insertion].Replace("\n", "\n" + new string(' ', Value % 8))));
                    break;
            }

            return [.. list];
        }
    }
}
