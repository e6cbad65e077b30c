namespace SloQuality.Core.Slo;

/// <summary>Where a slice's figures come from.</summary>
public static class SliceSources
{
    /// <summary>A replay of a golden dataset against the model.</summary>
    public const string Replay = "replay";

    /// <summary>Production traffic, imported from a Prometheus server (vLLM's or TGI's own metrics).</summary>
    public const string Prometheus = "prometheus";
}
