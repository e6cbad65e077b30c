namespace SloQuality.Core.Review;

/// <summary>Human review labels, kept beside the results they judge (a label imported again replaces the earlier one).</summary>
public interface IReviewStore
{
    Task SaveReviewLabelsAsync(IReadOnlyList<ReviewLabel> labels, CancellationToken cancellationToken);

    /// <summary>The labels of the runs started in [from, to), each with the detector's verdict on the same output.</summary>
    Task<IReadOnlyList<(ReviewLabel Label, bool? Detector)>> ReviewedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The labels of a dataset's runs started in [from, to) (any version, any target), each with the output
    /// and the detector's score and verdict on it: what the corrected hallucination rate learns the detector's error from.
    /// </summary>
    Task<IReadOnlyList<Hallucination.Correction.HumanLabel>> LabelsAsync(string datasetName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
