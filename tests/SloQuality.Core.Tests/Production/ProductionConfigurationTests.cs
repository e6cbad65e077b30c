using SloQuality.Core.Production;

namespace SloQuality.Core.Tests.Production;

public sealed class ProductionConfigurationTests
{
    [Fact]
    public void WithoutTheFileNothingIsImported()
    {
        using var folder = new TempFolder();

        var (settings, problems) = ProductionConfiguration.Load(folder.Path, _ => null);

        Assert.Empty(problems);
        Assert.False(settings.Enabled);
    }

    [Fact]
    public void TheEnvironmentPointsTheFileAtItsPrometheusAndVllmNamesAreTheDefault()
    {
        using var folder = new TempFolder();
        folder.Write(ProductionConfiguration.FileName, "prometheus:\n  url: http://localhost:9090\n  lookback: 2h\ntargets:\n  prod:\n    model_name: llama-3\n");

        var (settings, problems) = ProductionConfiguration.Load(folder.Path, v => v == ProductionConfiguration.UrlVariable ? "http://prometheus:9090" : null);

        Assert.Empty(problems);
        Assert.Equal(new Uri("http://prometheus:9090"), settings.PrometheusUrl);
        Assert.Equal(TimeSpan.FromHours(2), settings.Lookback);
        var target = Assert.Single(settings.Targets);
        Assert.Equal("vllm:time_to_first_token_seconds_bucket{model_name=\"llama-3\"}", ProductionQueries.For(target.Queries.Ttft, target.ModelName));
    }

    [Fact]
    public void AModelNameCannotBreakOutOfItsPromqlString() =>
        Assert.Equal("x{model_name=\"a\\\"} or vector(1) #\"}", ProductionQueries.For("x{model_name=\"{model_name}\"}", "a\"} or vector(1) #"));

    [Fact]
    public void ProblemsNameTheFileTheLineAndWhatWasExpected()
    {
        using var folder = new TempFolder();
        var path = folder.Write(ProductionConfiguration.FileName, "prometheus:\n  url: ftp://x\n  lookback: 1m\ntargets:\n  prod:\n    querys: {}\n");

        var (_, problems) = ProductionConfiguration.Load(folder.Path, _ => null);

        Assert.Contains(problems, p => p.ToString() == $"{path}:2: prometheus.url: 'ftp://x' is not an http(s) URL, expected for example http://prometheus:9090");
        Assert.Contains(problems, p => p.ToString().StartsWith($"{path}:3: prometheus.lookback: '1m' is not a duration of at least 5m", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ToString().StartsWith($"{path}:6: unknown field 'targets.prod.querys'", StringComparison.Ordinal));
    }
}
