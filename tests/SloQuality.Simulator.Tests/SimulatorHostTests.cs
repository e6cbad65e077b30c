using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Simulator.Tests;

public sealed class SimulatorHostTests : IAsyncLifetime
{
    private static readonly GoldenItem Item = new()
    {
        Id = "capital",
        Input = [new ChatMessage("user", "What is the capital of Australia?")],
        Reference = ["The capital of Australia is Canberra."],
    };

    private readonly HttpClient http = new();
    private SimulatorHost host = null!;

    public async Task InitializeAsync()
    {
        host = await SimulatorHost.StartAsync([new SimulatorProfile { Model = "sim-a", Ttft = new LogNormal(0, 0), InterToken = new LogNormal(0, 0) }]);
        host.Answers.Add(new GoldenDataset("set", "set.jsonl", string.Empty, [Item], "h"));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    private Task<HttpResponseMessage> Chat(string model, string prompt, bool stream) =>
        http.PostAsJsonAsync(host.BaseUri + "/chat/completions", new { model, messages = new[] { new { role = "user", content = prompt } }, stream });

    [Fact]
    public async Task ANonStreamedCompletionAnswersWithTheReferenceAndUsage()
    {
        using var response = await Chat("sim-a", "What is the capital of Australia?", stream: false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body.RootElement.GetProperty("choices")[0];
        Assert.Equal("The capital of Australia is Canberra.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(6, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task AStreamedCompletionIsServerSentEventsEndingInDone()
    {
        using var response = await Chat("sim-a", "what is the capital of australia", stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("data: [DONE]\n\n", text);
        // The role, six one-word tokens, the finish event and [DONE]; no usage event, as none was asked for.
        Assert.Equal(9, text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task AnUnknownModelIsNotFound()
    {
        using var response = await Chat("sim-z", "hi", stream: false);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheModelsAreListed()
    {
        using var body = JsonDocument.Parse(await http.GetStringAsync(host.BaseUri + "/models"));

        Assert.Equal("sim-a", body.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
