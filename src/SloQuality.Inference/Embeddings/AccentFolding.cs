namespace SloQuality.Inference.Embeddings;

/// <summary>
/// Strips accents from Latin letters as BERT's uncased tokenizer does (NFD, then drop the combining
/// marks). Needed because the product runs with invariant globalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text unchanged: "Café" would become [UNK].
/// The table covers U+00C0..U+024F; letters with no decomposition (Ø, Æ, ß, Ł) stay as they are, as in NFD.
/// </summary>
internal static class AccentFolding
{
    private const int First = 0xC0;

    /// <summary>The base letter of each code point from U+00C0, or '.' for none (generated from Unicode's NFD).</summary>
    private const string Bases =
        "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y" +
        "AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLl." +
        "...NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz." +
        "................................Oo.............Uu..............." +
        ".............AaIiOoUuUuUuUuUu.AaAa....GgKkOoOo..j...Gg..NnAa...." +
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............" +
        "................";

    public static string Fold(string text)
    {
        if (text.AsSpan().IndexOfAnyExceptInRange('\u0000', '\u00BF') < 0)
        {
            return text;
        }

        var buffer = new char[text.Length];
        var length = 0;
        foreach (var ch in text)
        {
            if (ch is >= '\u0300' and <= '\u036F')
            {
                continue; // a combining mark of already decomposed text
            }

            var offset = ch - First;
            buffer[length++] = offset >= 0 && offset < Bases.Length && Bases[offset] != '.' ? Bases[offset] : ch;
        }

        return new string(buffer, 0, length);
    }
}
