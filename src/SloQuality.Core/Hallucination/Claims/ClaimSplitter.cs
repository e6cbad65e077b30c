using System.Text.RegularExpressions;
using SloQuality.Core.Hallucination.Features;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination.Claims;

/// <summary>
/// Cuts an output into the claims it makes. Conversation is not a claim: openers ("Sure!", "Great
/// question.", "In short:", a greeting), closers ("I hope this helps", an offer of more help),
/// offers ("Would you like…?", "Is there anything else…?"), a restated question ("You asked whether…")
/// and a bare decline carry nothing to check, so they are dropped; a leading yes or no is kept apart as
/// the claim's lead. A question that states something ("Did you know that…?") claims its statement; any
/// other question with content of its own is kept, marked as a question.
/// </summary>
public static partial class ClaimSplitter
{
    /// <summary>Words that say nothing about the world on their own (compared as stems).</summary>
    private static readonly HashSet<string> Conversational = new(new[]
    {
        "hope", "helps", "help", "helpful", "glad", "happy", "pleased", "pleasure", "thanks", "thank", "welcome", "question", "questions",
        "ask", "asking", "asked", "let", "know", "anything", "else", "assist", "assistance", "reach", "reaching", "further", "additional",
        "hesitate", "hi", "hello", "hey", "dear", "day", "answer", "short", "summary", "brief", "briefly", "basically", "here", "whether",
        "regarding", "clarify", "please", "great", "good", "wonderful", "excellent", "nice", "sure", "certainly", "course", "absolutely",
        "information", "info", "details", "wondering", "wonder", "inquiry", "enquiry", "apologize", "apologise", "sorry", "inconvenience",
        "confusion", "trouble", "feel", "need", "like", "want", "concern", "concerns", "touch", "contact", "reply", "message", "note", "okay",
        "ok", "well", "quick", "recap", "thing", "things", "say", "said", "mention", "mentioned", "want", "wanted", "explain",
        // Chit-chat: agreement, laughter, greetings and goodbyes (BEGIN's "generic" responses).
        "agree", "agreed", "cool", "awesome", "wow", "lol", "haha", "hahaha", "hehe", "interesting", "funny", "fun", "true", "totally",
        "definitely", "really", "yea", "yeah", "ah", "oh", "hmm", "bye", "goodbye", "later", "ya", "talk", "talking", "chat", "chatting",
        "doubt", "sense", "makes", "wait", "too", "god", "u", "same", "lot", "indeed", "exactly", "right", "correct", "yes", "thx",
    }.Select(ContentWords.Stem), StringComparer.Ordinal);

    /// <summary>The words of a decline ("I don't know", "there is no reliable information").</summary>
    private static readonly HashSet<string> Declining = new(new[]
    {
        "know", "sure", "information", "reliable", "available", "unknown", "exist", "exists", "determine", "determined", "say", "tell",
        "find", "found", "confirm", "verify", "answer", "answered", "provide", "record", "records", "data", "evidence", "able", "unable",
        "aware", "public", "publicly", "documented", "recorded", "possible", "predict", "predicted", "way", "access", "comment", "nobody",
        "one", "certain", "unclear", "specific", "exact", "exactly", "details", "cannot", "can't", "afraid", "unfortunately", "help",
    }.Select(ContentWords.Stem), StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|greetings|dear(?:\s+\p{L}+)?|good\s+(?:morning|afternoon|evening|day))(?:\s+there)?(?:\s+\p{Lu}\p{Ll}+)?\s*[,!.:;—–-]+|(?:sure(?:\s+thing)?|certainly|of\s+course|absolutely|definitely|okay|ok|alright|all\s+right|well|so|great|good\s+news|happy\s+to\s+help|glad\s+to\s+help|gladly|no\s+problem|thanks(?:\s+so\s+much)?(?:\s+for\s+(?:asking|reaching\s+out|your\s+question|the\s+question|contacting\s+us|your\s+patience|waiting))?|thank\s+you(?:\s+(?:so|very)\s+much)?(?:\s+for\s+(?:asking|reaching\s+out|your\s+question|the\s+question|contacting\s+us|your\s+patience|waiting))?|(?:a\s+)?(?:very\s+)?(?:good|great|excellent|interesting|fair)\s+question|in\s+short|in\s+summary|in\s+brief|briefly|to\s+sum\s+up|to\s+summari[sz]e|short\s+answer|the\s+short\s+answer(?:\s+is)?|to\s+answer\s+your\s+question|here\s+is\s+the\s+answer|here'?s\s+the\s+answer|here\s+is\s+what\s+i\s+found|here'?s\s+what\s+i\s+found|the\s+answer\s+is|answer|tl;?dr|please\s+note|note)\s*[,!.:;—–-]+)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Opener();

    [GeneratedRegex(@"^(yes|yeah|yep|yup|indeed|correct|right|no|nope|nah)\s*(?:[,.!:;—–-]+\s*|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesOrNo();

    [GeneratedRegex(@"^(?:did\s+you\s+know|do\s+you\s+know|have\s+you\s+heard|were\s+you\s+aware)(?:\s+that)?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatingQuestion();

    [GeneratedRegex(@"\b(asked|asking|ask|wondering|wonder|question|regarding|whether|want\s+to\s+know|inquiring|enquiring|as\s+for|when\s+it\s+comes\s+to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestatementCue();

    [GeneratedRegex(@"\bfeel\s+free\s+to\b|\bdon'?t\s+hesitate\s+to\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfferPhrase();

    /// <summary>A question that offers something ("Would you like me to…?", "Shall I…?") rather than asking about the world.</summary>
    [GeneratedRegex(@"^(?:(?:and|so|also|or)\s+)?(?:would\s+you\s+like|do\s+you\s+want|would\s+you\s+want|want\s+me\s+to|shall\s+i|should\s+i|can\s+i|could\s+i|may\s+i|would\s+it\s+help|is\s+there\s+anything|anything\s+else|how\s+can\s+i|how\s+may\s+i|what\s+else\s+can\s+i|do\s+you\s+need|do\s+you\s+have\s+(?:any\s+)?(?:other|more|further)\s+questions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfferQuestion();

    /// <summary>The claims of an output; <see cref="OutputClaims.Declined"/> when what is left only declines to answer.</summary>
    public static OutputClaims Split(string output, string question)
    {
        var questionWords = ContentWords.Of(question).ToHashSet(StringComparer.Ordinal);
        var questionFacts = KeyFacts.Of(question).ToHashSet(StringComparer.Ordinal);
        var claims = new List<Claim>();
        var (lead, declined) = (0, false);
        foreach (var sentence in Sentences.Split(output.Trim()))
        {
            var (body, sentenceLead) = Unwrap(sentence);
            lead = sentenceLead != 0 ? sentenceLead : lead;
            if (!body.Any(char.IsLetterOrDigit))
            {
                continue;
            }

            var asks = false;
            if (body.TrimEnd().EndsWith('?'))
            {
                // An offer ("Would you like a return label?") claims nothing; a statement dressed as a
                // question ("Did you know that…?") claims its statement; any other question is judged as
                // what it is (people label "Is it on Netflix?" about a film unsupported by its passage).
                var stated = StatingQuestion().Match(body);
                if (OfferQuestion().IsMatch(body))
                {
                    continue;
                }

                body = stated.Success ? body[stated.Length..].TrimEnd('?', ' ') : body;
                asks = !stated.Success;
            }

            switch (Kind(body, questionWords, questionFacts, asks))
            {
                case SentenceKind.Conversation:
                    continue;
                case SentenceKind.Decline:
                    declined = true;
                    continue;
            }

            claims.Add(new Claim(sentence, body, lead, asks));
            lead = 0;
        }

        return new OutputClaims(claims, declined && claims.Count == 0);
    }

    /// <summary>A text without its openers and its leading yes or no (used for evidence too, so both sides compare alike).</summary>
    public static (string Body, int Lead) Unwrap(string sentence)
    {
        var (body, lead) = (sentence.Trim(), 0);
        for (var changed = true; changed;)
        {
            changed = false;
            if (Opener().Match(body) is { Success: true, Length: > 0 } opener)
            {
                body = body[opener.Length..].TrimStart();
                changed = true;
            }

            if (YesOrNo().Match(body) is { Success: true, Length: > 0 } answer)
            {
                var word = answer.Groups[1].Value.ToLowerInvariant();
                lead = word is "no" or "nope" or "nah" ? -1 : 1;
                body = body[answer.Length..].TrimStart();
                changed = true;
            }
        }

        return (body, lead);
    }

    private enum SentenceKind { Claim, Conversation, Decline }

    private static SentenceKind Kind(string body, HashSet<string> questionWords, HashSet<string> questionFacts, bool asks)
    {
        var facts = KeyFacts.Of(body).Where(f => !questionFacts.Contains(f)).ToList();
        var words = ContentWords.Of(OfferPhrase().Replace(body, " ")).ToList();
        var negated = TextNormalizer.Tokens(body).Any(ContentWords.IsNegation);
        if (facts.Count > 0)
        {
            return SentenceKind.Claim;
        }

        if (words.All(Conversational.Contains) && !negated)
        {
            return SentenceKind.Conversation;
        }

        // A restated question ("You asked whether…", or the question asked back) adds nothing to it.
        if ((asks || RestatementCue().IsMatch(body)) && words.All(w => questionWords.Contains(w) || Conversational.Contains(w)))
        {
            return SentenceKind.Conversation;
        }

        if (AbstentionScorer.IsAbstention(body) && words.Count(w => !questionWords.Contains(w) && !Conversational.Contains(w) && !Declining.Contains(w)) <= 1)
        {
            return SentenceKind.Decline;
        }

        return SentenceKind.Claim;
    }
}

/// <summary>The claims an output makes, and whether it only declined to answer.</summary>
public sealed record OutputClaims(IReadOnlyList<Claim> Claims, bool Declined);
