using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests.Datasets;

/// <summary>No single JSON value crashes the loader or reaches a score as Infinity or NaN.</summary>
public sealed class HostileJsonlTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("1e999", "the number 1e999 is outside the range of a double, expected a finite number")]
    [InlineData("-1e999", "the number -1e999 is outside the range of a double, expected a finite number")]
    public void ANumberOutsideDoubleRangeIsAProblemAtItsLine(string number, string message)
    {
        var path = folder.Write("big.jsonl",
            "{\"id\":\"ok\",\"input\":\"q\",\"reference\":\"r\"}\n" +
            $"{{\"id\":\"a\",\"input\":\"q\",\"reference\":\"r\",\"assert\":[{{\"type\":\"contains\",\"value\":\"r\",\"weight\":{number}}}]}}\n");

        Assert.Equal([$"{path}:2: {message}"], GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void NaNOrInfinityIsInvalidJsonAtItsLine(string literal)
    {
        var path = folder.Write("nan.jsonl", $"{{\"id\":\"a\",\"input\":\"q\",\"reference\":\"r\",\"metadata\":{{\"x\":{literal}}}}}\n");

        var problem = Assert.Single(GoldenDatasetLoader.Load(path).Problems);

        Assert.Equal(1, problem.Line);
        Assert.StartsWith("invalid JSON", problem.Message);
    }

    [Fact]
    public void ALoneSurrogateEscapeIsAProblemAtItsLine()
    {
        var path = folder.Write("surrogate.jsonl", "{\"id\":\"a\",\"input\":\"q \\ud800 q\",\"reference\":\"r\"}\n");

        Assert.Equal(
            [$"{path}:1: a string has a lone UTF-16 surrogate escape (such as \\ud800 without its pair), expected valid Unicode text"],
            GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString()));
    }
}
