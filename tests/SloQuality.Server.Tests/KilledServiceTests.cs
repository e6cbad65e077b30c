using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The embedded default (SQLite results, Hangfire.InMemory) killed with SIGKILL in the middle of a run:
/// started again on the same store, it plans the run's missing chunks from the store and finishes it,
/// every item stored once.
/// </summary>
public sealed class KilledServiceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-killed-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ARunInterruptedBySigkillIsFinishedByTheNextStartLosingAndDoublingNothing()
    {
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.WriteAllLines(Path.Combine(datasets, "long.jsonl"), Enumerable.Range(0, 400).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is item number {i}?\", \"reference\": \"Item number {i} is a test item.\"}}"));
        var environment = new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_FIRST_RUN"] = "false",
            ["SLOQ_CHUNK_SIZE"] = "10",
            ["SLOQ_WORKERS"] = "2",
            ["SLOQ_DASHBOARD_TOKEN"] = "token-123",
        };
        var auth = new AuthenticationHeaderValue("Bearer", "token-123");

        string runId;
        int storedAtKill;
        await using (var first = await ServerProcess.StartAsync(environment))
        {
            using var http = Client(first, auth);
            var started = await http.PostAsJsonAsync("/api/runs", new { dataset = "long", target = "sim-stable" });
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetString()!;
            storedAtKill = await WaitAsync(http, runId, s => s.Stored >= 40, TimeSpan.FromSeconds(90));
            first.Kill();
        }

        Assert.InRange(storedAtKill, 40, 399);
        await using var second = await ServerProcess.StartAsync(environment);
        using var again = Client(second, auth);
        await WaitAsync(again, runId, s => s.Status == "completed", TimeSpan.FromSeconds(120));

        var items = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/items");
        Assert.Equal(400, items.GetArrayLength());
        Assert.Equal(400, items.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Distinct().Count());
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "runs", "sim-stable", "long", runId, "summary.json"))).RootElement;
        Assert.Equal(400, summary.GetProperty("items").GetProperty("completed").GetInt32());
        Assert.Contains($"resumed run {runId}", second.Log);
    }

    private static HttpClient Client(ServerProcess server, AuthenticationHeaderValue auth)
    {
        var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = auth;
        return http;
    }

    private static async Task<int> WaitAsync(HttpClient http, string runId, Func<(string Status, int Stored), bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (string Status, int Stored) state = (string.Empty, 0);
        while (DateTime.UtcNow < deadline)
        {
            var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            state = (run.GetProperty("run").GetProperty("status").GetString()!, run.GetProperty("items_stored").GetInt32());
            if (until(state))
            {
                return state.Stored;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"run {runId} stayed {state.Status} with {state.Stored} items stored");
    }
}
