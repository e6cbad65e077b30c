using System.Text;
using SloQuality.Inference.Timing;

namespace SloQuality.Inference.Tests.Timing;

public sealed class ContentEventScannerTests
{
    private const string Role = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private const string Token = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi \"}}]}\n\n";
    private const string Finish = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

    private static StreamTiming Scan(params (string Text, long At)[] reads)
    {
        var timing = new StreamTiming();
        var scanner = new ContentEventScanner();
        foreach (var (text, at) in reads)
        {
            scanner.Feed(Encoding.UTF8.GetBytes(text), at, timing);
        }

        return timing;
    }

    [Fact]
    public void TheRoleOnlyChunkAndTheFinishChunkAreNotTokens()
    {
        var timing = Scan((Role, 1), (Token, 2), (Token, 3), (Finish + "data: [DONE]\n\n", 4));

        Assert.Equal([2L, 3L], timing.ContentEvents);
    }

    [Fact]
    public void AnEventSplitAcrossReadsIsStampedWhenItCompletes()
    {
        var timing = Scan((Token[..20], 5), (Token[20..40], 6), (Token[40..], 7));

        Assert.Equal([7L], timing.ContentEvents);
    }

    [Fact]
    public void SeveralEventsInOneReadShareItsTimestamp()
    {
        var timing = Scan((Token + Token + Token, 9));

        Assert.Equal([9L, 9L, 9L], timing.ContentEvents);
    }

    [Theory]
    [InlineData("data: {\"delta\": {\"content\" : \"x\"}}", true)]
    [InlineData("data: {\"delta\":{\"content\":null}}", false)]
    [InlineData("data: {\"delta\":{\"reasoning_content\":\"thinking\"}}", false)]
    [InlineData("data: {\"delta\":{\"content\":\"\"},\"x\":\"\\\"content\\\":\\\"y\"}", false)]
    public void OnlyANonEmptyContentStringCounts(string line, bool counts) =>
        Assert.Equal(counts, ContentEventScanner.HasNonEmptyContent(Encoding.UTF8.GetBytes(line)));
}
