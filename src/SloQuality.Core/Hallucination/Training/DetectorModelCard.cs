using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Json;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// What a model file was trained on and how, written beside it (<c>MODEL.json</c>): the data files with
/// their SHA-256, case counts, the algorithm, the feature names, and the calibration (Platt scaling and
/// threshold per kind of evidence, fitted on out-of-fold scores). <c>sloq detector evaluate</c> reads it
/// to refuse measuring a model on its own training data; the detector reads its calibration.
/// </summary>
public sealed record DetectorModelCard(
    [property: JsonPropertyName("trained_at")] DateTimeOffset TrainedAt,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("extra_views")] int ExtraViews,
    [property: JsonPropertyName("data")] IReadOnlyList<DetectorModelCard.DataFile> Data,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("calibration")] Calibration.DetectorCalibration? Calibration = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    public void Save(string modelPath) => File.WriteAllText(PathFor(modelPath), JsonSerializer.Serialize(this, Indented) + "\n");

    public static DetectorModelCard? Load(string modelPath) =>
        File.Exists(PathFor(modelPath)) ? JsonSerializer.Deserialize<DetectorModelCard>(File.ReadAllText(PathFor(modelPath))) : null;

    /// <param name="Holdout">The share of the file's groups kept out of training (see <see cref="DetectorHoldout"/>); 0 when all of it was learned.</param>
    public sealed record DataFile(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("sha256")] string Sha256,
        [property: JsonPropertyName("outputs")] int Outputs,
        [property: JsonPropertyName("holdout")] double Holdout = 0,
        [property: JsonPropertyName("holdout_seed")] int HoldoutSeed = 0);
}
