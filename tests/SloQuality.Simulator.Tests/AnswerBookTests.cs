using SloQuality.Core.Datasets;

namespace SloQuality.Simulator.Tests;

/// <summary>The book reads its folders as they are now; a lookup waits for the folder check at most a few seconds here.</summary>
public sealed class AnswerBookTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-answer-book-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string file, string reference, DateTime written)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, $$"""{"id": "kiln", "input": "At what temperature does the Harlow kiln fire stoneware?", "reference": "{{reference}}"}""" + "\n");
        File.SetLastWriteTimeUtc(path, written);
    }

    private static async Task<GoldenItem?> FindEventuallyAsync(AnswerBook book, Func<GoldenItem?, bool> wanted)
    {
        var item = book.Find("At what temperature does the Harlow kiln fire stoneware?");
        for (var i = 0; i < 50 && !wanted(item); i++)
        {
            await Task.Delay(100);
            item = book.Find("At what temperature does the Harlow kiln fire stoneware?");
        }

        return item;
    }

    [Fact]
    public async Task ADatasetAddedToAKnownFolderIsAnsweredWithoutARestart()
    {
        var book = new AnswerBook();
        book.AddFolders([folder]);
        Assert.Null(book.Find("At what temperature does the Harlow kiln fire stoneware?"));

        Write("kilns.jsonl", "1,240 degrees Celsius.", DateTime.UtcNow);

        Assert.Equal("1,240 degrees Celsius.", (await FindEventuallyAsync(book, i => i is not null))?.Reference[0]);
    }

    [Fact]
    public void APromptAskedTheMomentItsFileArrivesIsKnownAtOnce()
    {
        var book = new AnswerBook();
        book.AddFolders([folder]);
        Assert.Null(book.Find("At what temperature does the Harlow kiln fire stoneware?"));

        // Right after a look at the folder (well within the check interval): a run of a new dataset asks at once.
        Write("kilns.jsonl", "1,240 degrees Celsius.", DateTime.UtcNow);

        Assert.Equal("1,240 degrees Celsius.", book.Find("At what temperature does the Harlow kiln fire stoneware?")?.Reference[0]);
    }

    [Fact]
    public async Task AChangedReferenceIsAnsweredFromTheFileAsItIsNow()
    {
        Write("kilns.jsonl", "1,240 degrees Celsius.", DateTime.UtcNow.AddMinutes(-1));
        var book = new AnswerBook();
        book.AddFolders([folder]);
        Assert.Equal("1,240 degrees Celsius.", book.Find("At what temperature does the Harlow kiln fire stoneware?")?.Reference[0]);

        Write("kilns.jsonl", "1,260 degrees Celsius.", DateTime.UtcNow);

        Assert.Equal("1,260 degrees Celsius.", (await FindEventuallyAsync(book, i => i?.Reference[0] == "1,260 degrees Celsius."))?.Reference[0]);
    }

    [Fact]
    public void ADatasetAddedDirectlyIsKeptWhenTheFoldersAreReadAgain()
    {
        var book = new AnswerBook();
        book.Add(new GoldenDataset("direct", "direct.jsonl", "", [new GoldenItem { Id = "a", Input = [new ChatMessage("user", "Which day is market day in Wexley?")], Reference = ["Thursday."] }], "hash"));
        book.AddFolders([folder]);

        Assert.Equal("Thursday.", book.Find("Which day is market day in Wexley?")?.Reference[0]);
    }
}
