namespace SloQuality.Core.Hallucination.Claims;

/// <summary>
/// One thing an output states: a sentence with its conversational wrapping taken off ("Sure! In
/// short:"), and the yes or no it was led by, kept apart (+1 yes, −1 no, 0 none) so that "Yes. Opened
/// lamps carry a fee." compares with "Opened lamps carry a fee." by what it says, and a "No" against a
/// "Yes" still counts.
/// </summary>
/// <param name="Text">The sentence as it stood in the output (for reasons shown to people).</param>
/// <param name="Body">The sentence without its wrapping and lead: what is compared with the evidence.</param>
/// <param name="Asks">True when the sentence is a question with content of its own ("Is it on Netflix?").</param>
public sealed record Claim(string Text, string Body, int Lead, bool Asks = false);
