using System.Net.Http.Json;
using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Simulator.Tests;

/// <summary><c>GET /sim/answers</c>: the truth about which answers the simulator made wrong on purpose.</summary>
public sealed class AnswerLogTests
{
    private static readonly GoldenItem Item = new()
    {
        Id = "capital",
        Input = [new ChatMessage("user", "What is the capital of Australia?")],
        Reference = ["The capital of Australia is Canberra."],
    };

    [Fact]
    public async Task EveryAnswerIsListedWithItsItemAndWhetherItWasMadeWrongOnPurpose()
    {
        await using var host = await SimulatorHost.StartAsync(
        [
            new SimulatorProfile { Model = "truthful", Ttft = new LogNormal(0, 0), InterToken = new LogNormal(0, 0) },
            new SimulatorProfile { Model = "liar", HallucinationRate = 1, Ttft = new LogNormal(0, 0), InterToken = new LogNormal(0, 0) },
        ]);
        host.Answers.Add(new GoldenDataset("set", "set.jsonl", string.Empty, [Item], "h"));
        using var http = new HttpClient();
        var ids = new Dictionary<string, string>();
        foreach (var model in new[] { "truthful", "liar" })
        {
            using var response = await http.PostAsJsonAsync(host.BaseUri + "/chat/completions",
                new { model, messages = new[] { new { role = "user", content = "What is the capital of Australia?" } }, stream = false });
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids[model] = body.RootElement.GetProperty("id").GetString()!;
            var text = body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
            Assert.Equal(text, host.AnswerLog.For(model).Single().Text);
        }

        var root = new Uri(host.BaseUri, "/");
        using var all = JsonDocument.Parse(await http.GetStringAsync(new Uri(root, "sim/answers")));
        using var liar = JsonDocument.Parse(await http.GetStringAsync(new Uri(root, "sim/answers?model=liar")));

        Assert.Equal(2, all.RootElement.GetArrayLength());
        var lie = Assert.Single(liar.RootElement.EnumerateArray());
        Assert.Equal(ids["liar"], lie.GetProperty("id").GetString());
        Assert.Equal("capital", lie.GetProperty("item").GetString());
        Assert.True(lie.GetProperty("hallucinated").GetBoolean());
        Assert.Equal("Hallucination", lie.GetProperty("kind").GetString());
        var truth = all.RootElement.EnumerateArray().Single(a => a.GetProperty("model").GetString() == "truthful");
        Assert.False(truth.GetProperty("hallucinated").GetBoolean());
        Assert.Equal("The capital of Australia is Canberra.", truth.GetProperty("text").GetString());
        Assert.Equal("None", truth.GetProperty("fault").GetString());
        Assert.Equal("stop", truth.GetProperty("finish_reason").GetString());
    }
}
