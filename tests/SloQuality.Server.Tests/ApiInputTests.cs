using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace SloQuality.Server.Tests;

/// <summary>A POST body with null, missing or absurd fields is a 400 with the reason, before anything is queued.</summary>
public sealed class ApiInputTests : IAsyncLifetime
{
    private InProcessServer host = null!;

    public async Task InitializeAsync() => host = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/api/runs", "{}", "'dataset' and 'target' are missing or empty, expected a name")]
    [InlineData("/api/runs", "{\"dataset\": null, \"target\": \"sim-stable\"}", "'dataset' is missing or empty, expected a name")]
    [InlineData("/api/runs", "{\"dataset\": \"factual-qa\"}", "'target' is missing or empty, expected a name")]
    [InlineData("/api/runs", "null", "the body is empty, expected a JSON object with 'dataset' and 'target'")]
    [InlineData("/api/signoffs", "{}", "'candidate' and 'baseline' are missing or empty, expected a name")]
    [InlineData("/api/signoffs", "{\"candidate\": \"sim-candidate\"}", "'baseline' is missing or empty, expected a name")]
    [InlineData("/api/signoffs", "{\"candidate\": \"sim-candidate\", \"baseline\": \"no-such-target-or-run\"}", "the baseline 'no-such-target-or-run' is neither a model target nor a stored run id")]
    [InlineData("/api/signoffs", "{\"candidate\": \"sim-candidate\", \"baseline\": \"sim-candidate\"}", "the baseline is the candidate itself")]
    public async Task ABodyThatCannotStartAnythingIsRefusedWithItsReason(string path, string body, string reason)
    {
        var response = await Post(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnOverLongNameIsNotEchoedBackInFull()
    {
        var name = new string('x', 100_000);

        var response = await Post("/api/runs", JsonSerializer.Serialize(new { dataset = name, target = "sim-stable" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("'dataset' is 100,000 characters", text);
        Assert.True(text.Length < 1_000, $"the answer is {text.Length} characters");
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsABadRequestNotAServerError()
    {
        var response = await Post("/api/runs", "{\"dataset\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoJobIsQueuedForARefusedSignoffWhileAnAcceptedOneIsQueued()
    {
        var monitoring = host.Server.App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        long Jobs() => monitoring.GetStatistics() is var s ? s.Enqueued + s.Scheduled + s.Processing + s.Succeeded + s.Failed + s.Deleted : 0;
        var before = Jobs();

        var refused = await Post("/api/signoffs", "{\"candidate\": \"sim-candidate\", \"baseline\": \"nothing\"}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, Jobs());

        // The control: an acceptable body does reach Hangfire, so the count above can see a job.
        var accepted = await Post("/api/signoffs", "{\"candidate\": \"sim-candidate\", \"baseline\": \"sim-stable\"}");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
        Assert.Equal(typeof(SloQuality.Jobs.SignoffJob), monitoring.JobDetails(jobId).Job.Type);
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        SendAsync(HttpMethod.Post, path, new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = InProcessServer.Admin;
        return await host.Http.SendAsync(request);
    }
}
