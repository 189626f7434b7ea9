namespace SymGrad.Fuzz.Corpus;

/// <summary>One seed input: a whole C# file and where it came from (a repository path, with the case for inline sources).</summary>
internal sealed record CorpusEntry(string Origin, string Source);
