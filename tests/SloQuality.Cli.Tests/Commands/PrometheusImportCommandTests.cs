using SloQuality.Tests.Shared;

namespace SloQuality.Cli.Tests.Commands;

public sealed class PrometheusImportCommandTests
{
    [Fact]
    public async Task WithoutAPrometheusUrlItSaysWhereToGiveOne()
    {
        using var cli = new CliRun();
        cli.Write("jobs/production.yaml", "targets:\n  prod: {}\n");

        var (exit, _, err) = await cli.RunAsync("slo", "import-prometheus", "--config", cli.Path("jobs"), "--store", cli.Path("r.db"));

        Assert.Equal(2, exit);
        Assert.Contains("needs targets, and a Prometheus URL (prometheus.url, SLOQ_PROMETHEUS_URL or --url)", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrometheusThatDoesNotAnswerFailsEachTargetWithItsName()
    {
        using var cli = new CliRun();
        cli.Write("jobs/production.yaml", "targets:\n  prod: {}\n  other: { model_name: x }\n");
        var closed = ServerProcess.FreePort();

        var (exit, _, err) = await cli.RunAsync("slo", "import-prometheus", "--config", cli.Path("jobs"), "--store", cli.Path("r.db"), "--url", $"http://127.0.0.1:{closed}", "--since", "10m");

        Assert.Equal(3, exit);
        Assert.Contains("sloq: prod: ", err, StringComparison.Ordinal);
        Assert.Contains("sloq: other: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryPrometheusRefusesIsReportedWithPrometheusOwnReason()
    {
        using var receiver = new WebhookReceiver(400);   // any HTTP server answering 400 without JSON
        using var cli = new CliRun();
        cli.Write("jobs/production.yaml", "targets:\n  prod: {}\n");

        var (exit, _, err) = await cli.RunAsync("slo", "import-prometheus", "--config", cli.Path("jobs"), "--store", cli.Path("r.db"), "--url", $"http://127.0.0.1:{receiver.Url.Port}", "--since", "10m");

        Assert.Equal(3, exit);
        Assert.Contains("answered HTTP 400 without JSON", err, StringComparison.Ordinal);
    }
}
