using System.Diagnostics;
using System.Text;

namespace SloQuality.Tests.Shared;

/// <summary>Everything a child process writes to stdout and stderr, collected for failure messages.</summary>
internal sealed class ProcessLog
{
    private readonly StringBuilder log = new();

    public ProcessLog(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Text
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
