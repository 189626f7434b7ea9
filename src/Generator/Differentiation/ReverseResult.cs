using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// What the reverse sweep produced, as a value the forward emitter reads beside the
/// <see cref="LoopPlan"/>: its code, what each taped loop's iteration pushes (the plan's candidates its
/// reverse code turned out to read, see the header of <c>Planning/LoopPlan.cs</c>), each fused loop's
/// iteration code, and the adjoint span of every array that carries derivatives.
/// </summary>
internal sealed record ReverseResult(
    EquatableArray<CodeStmt> Code,
    EquatableArray<LoopSaves> Saves,
    EquatableArray<FusedIteration> FusedIterations,
    EquatableArray<ArrayAdjoint> ArrayAdjoints)
{
    /// <summary>Saved old elements the reverse sweep no longer restores (recomputed iterations): the forward sweep skips them.</summary>
    public EquatableArray<string> DroppedSaves { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Per taped loop, the scratch arrays whose final contents each iteration pushes after its values (in push order).</summary>
    public EquatableArray<LoopArrays> FinalContents { get; init; } = EquatableArray<LoopArrays>.Empty;

    /// <summary>Whether any taped loop pushes a value: then the method rents a tape.</summary>
    public bool UsesTape => Saves.Any(s => s.Values.Count > 0) || FinalContents.Any(f => f.Arrays.Count > 0);

    /// <summary>The scratch arrays whose final contents one iteration of the taped loop <paramref name="loopId"/> pushes.</summary>
    public EquatableArray<string> FinalContentsOf(int loopId) => FinalContents.FirstOrDefault(f => f.LoopId == loopId)?.Arrays ?? EquatableArray<string>.Empty;

    /// <summary>What one iteration of the taped loop <paramref name="loopId"/> pushes, in push order.</summary>
    public EquatableArray<SavedValue> SavesOf(int loopId) => Saves.FirstOrDefault(s => s.LoopId == loopId)?.Values ?? EquatableArray<SavedValue>.Empty;

    public FusedIteration? FusedIterationOf(int loopId) => FusedIterations.FirstOrDefault(f => f.LoopId == loopId);

    /// <summary>The adjoint span of <paramref name="array"/>, or null when it carries no derivatives.</summary>
    public string? AdjointOf(string array) => ArrayAdjoints.FirstOrDefault(a => a.Array == array)?.Adjoint;
}

/// <summary>Arrays of one loop.</summary>
internal sealed record LoopArrays(int LoopId, EquatableArray<string> Arrays);

/// <summary>The values one iteration of a taped loop pushes for its reverse iteration.</summary>
internal sealed record LoopSaves(int LoopId, EquatableArray<SavedValue> Values);

/// <summary>The span that holds an array's element adjoints (a gradient output, or a pooled buffer beside a local array).</summary>
internal sealed record ArrayAdjoint(string Array, string Adjoint);

/// <summary>
/// A fused loop's derivative: its iteration's reverse code (seeded with d(term) = 1), which runs inside
/// the forward loop, or, when <see cref="RunsInReverse"/>, in a loop of the reverse sweep once the sum's
/// adjoint is known (it reads nothing the iteration computes); and the partial-gradient accumulators
/// and buffers the forward sweep declares for it, in order of first use.
/// </summary>
internal sealed record FusedIteration(
    int LoopId,
    string Accumulator,
    EquatableArray<CodeStmt> Code,
    bool RunsInReverse,
    EquatableArray<PartialAccumulator> Scalars,
    EquatableArray<PartialBuffer> Arrays);

/// <summary>An outer scalar's partial-gradient accumulator <c>g</c> in a fused loop.</summary>
internal sealed record PartialAccumulator(string Outer, string Accumulator);

/// <summary>An outer array's partial-gradient buffer in a fused loop (the gradient output itself when <see cref="Direct"/>).</summary>
internal sealed record PartialBuffer(string Outer, string Buffer, bool Direct);
