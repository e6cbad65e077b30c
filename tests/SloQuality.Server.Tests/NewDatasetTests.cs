using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>A dataset dropped into the folder of a running service, as the README invites, with items no other dataset has.</summary>
public sealed class NewDatasetTests : IAsyncLifetime
{
    private static readonly AuthenticationHeaderValue Token = new("Bearer", "token-new");
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-new-dataset-").FullName;
    private ServerProcess server = null!;

    private string Datasets => Path.Combine(folder, "datasets");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Datasets);
        File.Copy(Path.Combine(RepositoryRoot.Path, "golden-datasets", "factual-qa.jsonl"), Path.Combine(Datasets, "factual-qa.jsonl"));
        server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = Datasets,
            ["SLOQ_DASHBOARD_TOKEN"] = "token-new",
            ["SLOQ_FIRST_RUN"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ADatasetAddedWhileTheServiceRunsIsRunAtOnceAndTheSimulatorKnowsItsAnswers()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var items = new[]
        {
            ("kiln-temperature", "At what temperature does the Harlow kiln fire stoneware?", "The Harlow kiln fires stoneware at 1,240 degrees Celsius."),
            ("ferry-departure", "When does the first Marlow ferry leave on Sundays?", "The first Marlow ferry leaves at 7:15 on Sundays."),
            ("library-fine", "What is the Ashby library's fine for a late book?", "The Ashby library charges 20 cents a day for a late book."),
            ("orchard-variety", "Which apple variety does the Penrose orchard grow most?", "The Penrose orchard grows mostly Cox's Orange Pippin."),
            ("bridge-length", "How long is the Tallis footbridge?", "The Tallis footbridge is 86 metres long."),
            ("choir-rehearsal", "On which evening does the Elm Street choir rehearse?", "The Elm Street choir rehearses on Wednesday evenings."),
            ("museum-founder", "Who founded the Corran maritime museum?", "Captain Ida Mercer founded the Corran maritime museum."),
            ("bakery-opening", "What time does the Fenwick bakery open?", "The Fenwick bakery opens at 6 am."),
            ("trail-distance", "How long is the Holloway ridge trail?", "The Holloway ridge trail is 14 kilometres long."),
            ("market-day", "Which day is market day in Wexley?", "Market day in Wexley is Thursday."),
        };
        var path = Path.Combine(Datasets, "new-arrivals.jsonl");
        File.WriteAllLines(path + ".part", items.Select(i => JsonSerializer.Serialize(new { id = i.Item1, input = i.Item2, reference = i.Item3 })));
        File.Move(path + ".part", path);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement? run = null;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var runs = await Get(http, "/api/runs");
            run = runs.EnumerateArray().Where(r => r.GetProperty("dataset_name").GetString() == "new-arrivals").Cast<JsonElement?>().FirstOrDefault();
            if (run?.GetProperty("status").GetString() == "completed")
            {
                break;
            }
        }

        Assert.True(run is not null, $"no run of the new dataset within 90 s; log:\n{server.Log}");
        Assert.Equal("completed", run.Value.GetProperty("status").GetString());
        var results = await Get(http, $"/api/runs/{run.Value.GetProperty("run_id").GetString()}/items");
        var correct = results.EnumerateArray().Count(i => i.GetProperty("correct").ValueKind == JsonValueKind.True);
        // sim-stable answers its known items right but for its configured few mistakes; an unknown prompt gets a decline.
        Assert.True(correct >= 8, $"{correct} of 10 answered right:\n{results}");
    }

    private static async Task<JsonElement> Get(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Token;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
