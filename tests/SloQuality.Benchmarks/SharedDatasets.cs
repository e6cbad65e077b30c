namespace SloQuality.Benchmarks;

/// <summary>The public reference datasets beside the checkout (<c>../shared/datasets</c>); never copied into it.</summary>
internal static class SharedDatasets
{
    public static string File(params string[] parts) => SloQuality.Tests.Shared.SharedReferenceData.Path(["datasets", .. parts]);
}
