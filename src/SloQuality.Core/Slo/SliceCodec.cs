namespace SloQuality.Core.Slo;

/// <summary>The compact binary form of a slice's counts and sketches (identity columns are stored beside it).</summary>
public static class SliceCodec
{
    private const byte Version = 1;

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
        }

        return memory.ToArray();
    }

    public static SliceAggregate Decode(byte[] data, string runId, string modelTarget, string datasetName, DateTimeOffset sliceStart, string tags = "", string source = SliceSources.Replay)
    {
        using var r = new BinaryReader(new MemoryStream(data));
        if (r.ReadByte() != Version)
        {
            throw new FormatException("unknown slice encoding version");
        }

        var counts = Enumerable.Range(0, 10).Select(_ => r.Read7BitEncodedInt64()).ToArray();
        var driftSum = r.ReadDouble();
        var driftSquares = r.ReadDouble();
        var seconds = r.ReadDouble();
        var sketches = Enumerable.Range(0, 4).Select(_ => LatencySketch.FromBytes(r.ReadBytes(r.Read7BitEncodedInt()))).ToArray();
        return new SliceAggregate
        {
            RunId = runId,
            ModelTarget = modelTarget,
            DatasetName = datasetName,
            SliceStart = sliceStart,
            Tags = tags,
            Source = source,
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
        };
    }
}
