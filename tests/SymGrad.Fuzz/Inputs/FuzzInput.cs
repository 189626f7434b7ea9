namespace SymGrad.Fuzz.Inputs;

/// <summary>One generated input: its number in the run (with the seed, enough to make it again), how it was made, and the C#.</summary>
internal sealed record FuzzInput(int Index, string Origin, string Source);
