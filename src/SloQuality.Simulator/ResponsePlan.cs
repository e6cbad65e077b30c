namespace SloQuality.Simulator;

/// <summary>The fault a request was chosen for, if any.</summary>
public enum InjectedFault { None, Http500, Http503, Http429, Hang, ConnectionReset, StreamCut }

/// <summary>Everything decided about one response before a byte is sent, from the profile's distributions.</summary>
internal sealed record ResponsePlan(
    InjectedFault Fault,
    IReadOnlyList<string> Chunks,
    string FinishReason,
    double TtftMs,
    IReadOnlyList<double> GapsMs,
    AnswerKind Kind,
    string Text,
    string? ItemId)
{
    public static ResponsePlan Create(SimulatorProfile profile, AnswerBook book, AnswerSeeds seeds, ChatRequest request, Random random)
    {
        var fault = DrawFault(profile.Errors, random.NextDouble());
        var item = book.Find(request.Prompt);
        var (text, kind) = profile.Judge ? (SimulatedJudge.Verdict(request.Prompt), AnswerKind.Reference)
            : item is not null && book.ShiftedAnswer(item, profile) is { } shifted
            ? (shifted, AnswerKind.MeaningShift)
            : AnswerGenerator.Answer(item, profile, seeds.For(profile, request.Prompt));
        var chunks = Split(text, profile.WordsPerChunk);
        var finish = "stop";
        var draw = random.NextDouble();
        if (draw < profile.ContentFilterRate)
        {
            (chunks, finish) = ([], "content_filter");
        }
        else if (draw < profile.ContentFilterRate + profile.LengthRate && chunks.Count > 1)
        {
            (chunks, finish) = (chunks.Take(Math.Max(1, chunks.Count / 2)).ToList(), "length");
        }

        if (request.MaxTokens is { } max && chunks.Count > max)
        {
            (chunks, finish) = (chunks.Take(max).ToList(), "length");
        }

        var ttft = profile.Ttft.Sample(random);
        var gaps = Enumerable.Range(0, Math.Max(0, chunks.Count - 1)).Select(_ => profile.InterToken.Sample(random)).ToList();
        return new ResponsePlan(fault, chunks, finish, ttft, gaps, kind, text, item?.Id);
    }

    private static InjectedFault DrawFault(SimulatorProfile.ErrorRates e, double u)
    {
        (double Rate, InjectedFault Fault)[] table =
        [
            (e.Http500, InjectedFault.Http500), (e.Http503, InjectedFault.Http503), (e.Http429, InjectedFault.Http429),
            (e.Hang, InjectedFault.Hang), (e.ConnectionReset, InjectedFault.ConnectionReset), (e.StreamCut, InjectedFault.StreamCut),
        ];
        foreach (var (rate, fault) in table)
        {
            if (u < rate)
            {
                return fault;
            }

            u -= rate;
        }

        return InjectedFault.None;
    }

    /// <summary>Splits text into chunks of whole words, keeping the spaces, so the chunks join back to the text.</summary>
    private static List<string> Split(string text, int wordsPerChunk)
    {
        var chunks = new List<string>();
        var start = 0;
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && (i + 1 == text.Length || text[i + 1] != ' ') && ++words == wordsPerChunk)
            {
                chunks.Add(text[start..(i + 1)]);
                start = i + 1;
                words = 0;
            }
        }

        if (start < text.Length)
        {
            chunks.Add(text[start..]);
        }

        return chunks;
    }
}
