using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Slo;

/// <summary>
/// The compact binary form of a slice's counts and sketches (identity columns are stored beside it).
/// Version 2 adds the count of items with a correctness and the detector's score strata; a version 1
/// slice (written before grounded items existed) reads with every answered item judged and no strata.
/// </summary>
public static class SliceCodec
{
    private const byte Version = 2;

    public static byte[] Encode(SliceAggregate slice)
    {
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory))
        {
            w.Write(Version);
            foreach (var count in new[] { slice.Items, slice.Answered, slice.Correct, slice.Hallucinated, slice.Unavailable, slice.ContentFiltered, slice.Truncated, slice.SevereDrift, slice.DriftCount, slice.OutputTokens })
            {
                w.Write7BitEncodedInt64(count);
            }

            w.Write(slice.DriftSum);
            w.Write(slice.DriftSumOfSquares);
            w.Write(slice.GenerationSeconds);
            foreach (var sketch in new[] { slice.DriftDistance, slice.Ttft, slice.InterToken, slice.Total })
            {
                var bytes = sketch.ToBytes();
                w.Write7BitEncodedInt(bytes.Length);
                w.Write(bytes);
            }

            w.Write7BitEncodedInt64(slice.Judged);
            var strata = slice.Strata.GetValueOrDefault(slice.DatasetName) ?? new Hallucination.Correction.HallucinationStrata();
            for (var h = 0; h < Hallucination.Correction.ScoreStrata.Count; h++)
            {
                w.Write7BitEncodedInt64(strata.Count[h]);
                w.Write7BitEncodedInt64(strata.Flagged[h]);
                w.Write(strata.Sum[h]);
                w.Write(strata.SumOfSquares[h]);
            }
        }

        return memory.ToArray();
    }

    public static SliceAggregate Decode(byte[] data, string runId, string modelTarget, string datasetName, DateTimeOffset sliceStart, string tags = "", string source = SliceSources.Replay, string origin = RunOrigins.Schedule)
    {
        using var r = new BinaryReader(new MemoryStream(data));
        var version = r.ReadByte();
        if (version is not (1 or Version))
        {
            throw new FormatException("unknown slice encoding version");
        }

        var counts = Enumerable.Range(0, 10).Select(_ => r.Read7BitEncodedInt64()).ToArray();
        var driftSum = r.ReadDouble();
        var driftSquares = r.ReadDouble();
        var seconds = r.ReadDouble();
        var sketches = Enumerable.Range(0, 4).Select(_ => LatencySketch.FromBytes(r.ReadBytes(r.Read7BitEncodedInt()))).ToArray();
        var slice = new SliceAggregate
        {
            RunId = runId,
            ModelTarget = modelTarget,
            DatasetName = datasetName,
            SliceStart = sliceStart,
            Tags = tags,
            Source = source,
            Origin = source == SliceSources.Replay ? origin : RunOrigins.Production,
            Items = counts[0],
            Answered = counts[1],
            Correct = counts[2],
            Hallucinated = counts[3],
            Unavailable = counts[4],
            ContentFiltered = counts[5],
            Truncated = counts[6],
            SevereDrift = counts[7],
            DriftCount = counts[8],
            OutputTokens = counts[9],
            DriftSum = driftSum,
            DriftSumOfSquares = driftSquares,
            GenerationSeconds = seconds,
            DriftDistance = sketches[0],
            Ttft = sketches[1],
            InterToken = sketches[2],
            Total = sketches[3],
            Judged = version == 1 ? counts[1] : r.Read7BitEncodedInt64(),
        };
        if (version >= 2)
        {
            var strata = new Hallucination.Correction.HallucinationStrata();
            for (var h = 0; h < Hallucination.Correction.ScoreStrata.Count; h++)
            {
                strata.Count[h] = r.Read7BitEncodedInt64();
                strata.Flagged[h] = r.Read7BitEncodedInt64();
                strata.Sum[h] = r.ReadDouble();
                strata.SumOfSquares[h] = r.ReadDouble();
            }

            if (strata.Total > 0)
            {
                slice.Strata[datasetName] = strata;
            }
        }

        return slice;
    }
}
