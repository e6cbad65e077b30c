using SloQuality.Core.Configuration;

namespace SloQuality.Core.Tests.Configuration;

public sealed class HallucinationSettingsTests
{
    [Fact]
    public void WithoutTheFileTheTrainedDetectorScoresAndNothingJudges()
    {
        using var folder = new TempFolder();

        var (settings, problems) = HallucinationSettings.Load(folder.Path);

        Assert.Empty(problems);
        Assert.Equal(HallucinationSettings.Trained, settings.Detector);
        Assert.Null(settings.Judge);
    }

    [Fact]
    public void AJudgeTargetIsReadFromTheFile()
    {
        using var folder = new TempFolder();
        folder.Write(HallucinationSettings.FileName, "detector: lexical\njudge: sim-judge\n");

        var (settings, problems) = HallucinationSettings.Load(folder.Path);

        Assert.Empty(problems);
        Assert.Equal(HallucinationSettings.Lexical, settings.Detector);
        Assert.Equal("sim-judge", settings.Judge);
        Assert.Equal(2, settings.JudgeLine);
    }

    [Fact]
    public void AMisspeltKeyIsAProblemAtItsLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write(HallucinationSettings.FileName, "detector: trained\njugde: sim-judge\n");

        var (_, problems) = HallucinationSettings.Load(folder.Path);

        Assert.Contains(problems, p => p.ToString().StartsWith($"{path}:2: ", StringComparison.Ordinal) && p.Message.Contains("jugde", StringComparison.Ordinal));
    }
}
