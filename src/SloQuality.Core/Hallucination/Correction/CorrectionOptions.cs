namespace SloQuality.Core.Hallucination.Correction;

/// <summary>
/// Which human labels measure the detector's error on a dataset (<c>correction:</c> in
/// <c>jobs/hallucination.yaml</c>): those of the dataset's runs started in the last
/// <see cref="LabelDays"/> days, and at least <see cref="MinimumPerClass"/> of each verdict before a
/// corrected rate is given (fewer cannot say how the detector errs on both sides).
/// </summary>
public sealed record CorrectionOptions(int LabelDays = 90, int MinimumPerClass = 20)
{
    public TimeSpan Window => TimeSpan.FromDays(LabelDays);
}
