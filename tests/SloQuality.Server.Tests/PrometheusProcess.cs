using System.Diagnostics;
using System.Net;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// Debian's real Prometheus (<c>/usr/bin/prometheus</c>, installed by <c>.ci/run</c>) on 127.0.0.1 with
/// a throwaway data folder and the given scrape configuration. A missing binary fails the test.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process process;
    private readonly string folder;
    private readonly ProcessLog log;

    private PrometheusProcess(Process process, string folder, Uri url)
    {
        this.process = process;
        this.folder = folder;
        Url = url;
        log = new ProcessLog(process);
    }

    public Uri Url { get; }

    public string Log => log.Text;

    public static async Task<PrometheusProcess> StartAsync(string scrapeConfigYaml)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's prometheus (apt-get install -y --no-install-recommends prometheus); .ci/run does");
        }

        var folder = Directory.CreateTempSubdirectory("sloq-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, scrapeConfigYaml);
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
        {
            start.ArgumentList.Add(argument);
        }

        var prometheus = new PrometheusProcess(Process.Start(start)!, folder, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(prometheus.Url, "/-/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return prometheus;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("Prometheus did not become ready in 30 s:\n" + prometheus.Log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
