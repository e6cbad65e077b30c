using SloQuality.Core.Configuration;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Hallucination.Correction;

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

    [Fact]
    public void ThresholdsPerKindOfEvidenceAndTheCorrectionWindowAreReadFromTheFile()
    {
        using var folder = new TempFolder();
        folder.Write(HallucinationSettings.FileName,
            "thresholds:\n  context: 0.6\n  references: 0.7\ncorrection:\n  label_days: 30\n  minimum_labels_per_class: 10\n");

        var (settings, problems) = HallucinationSettings.Load(folder.Path);

        Assert.Empty(problems);
        var effective = settings.EffectiveThresholds();
        Assert.Equal(0.6, effective[EvidenceKind.Context]);
        Assert.Equal(0.7, effective[EvidenceKind.References]);
        Assert.False(effective.ContainsKey(EvidenceKind.KnownMistakes)); // the card's
        Assert.Equal(new CorrectionOptions(30, 10), settings.Correction);
    }

    [Fact]
    public void AnUnknownKindOfEvidenceIsAProblemThatNamesTheKnownOnes()
    {
        using var folder = new TempFolder();
        var path = folder.Write(HallucinationSettings.FileName, "thresholds:\n  summaries: 0.6\n");

        var (_, problems) = HallucinationSettings.Load(folder.Path);

        Assert.Contains(problems, p => p.ToString().StartsWith($"{path}:2: ", StringComparison.Ordinal) && p.Message.Contains("summaries", StringComparison.Ordinal));
    }
}
