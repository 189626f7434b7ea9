using System.Collections.Generic;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// The outcome of checking one compiled batch of random programs against finite differences: how
/// many points were checked or could not be checked (a kink or overflow within the step), each
/// mismatch with the program and point it happened at, and the generator or compiler problems that
/// stopped the batch from running at all. Shared by the property tests and the fuzzing command.
/// <see cref="CancelledPoints"/> describes the skipped points where the differences disagreed and the program's own
/// arithmetic was seen to lose its value at every step (<see cref="CancellationProbe"/>; the call-graph check only).
/// </summary>
public sealed record BatchCheck(int Programs, int Checked, int Skipped, IReadOnlyList<string> Mismatches, string? CompileProblems, IReadOnlyList<string>? CancelledPoints = null)
{
    public int Cancelled => CancelledPoints?.Count ?? 0;

    public bool Passed => CompileProblems is null && Mismatches.Count == 0;

    /// <summary>Why the batch failed, for an exception message; null when it passed.</summary>
    public string? Failure => CompileProblems is not null
        ? "generator or compile problems:\n" + CompileProblems
        : Mismatches.Count > 0 ? string.Join("\n\n", Mismatches) : null;
}
