using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Planning;

/// <summary>
/// How every loop of a prepared body is differentiated, decided before the reverse sweep runs and
/// read by the sweep and by the forward emitter (<see cref="LoopPlanner"/> computes it). A value:
/// records and <see cref="EquatableArray{T}"/>s only, nothing filled in later.
/// <para>
/// What the plan fixes up front: whether a loop is fused (a top-level sum whose iterations are
/// independent, see <see cref="LoopFusion"/>) or taped; a fused loop's accumulator, scratch arrays and
/// body names; the old elements a fused loop saves that nothing restores (the forward sweep skips
/// them); every loop's carried variables with their back edges, and which only accumulate; whether a
/// taped loop's forward code records where it stopped; and, for a taped loop, the values one iteration
/// could save (its own definitions, in order, with their kinds) and the integers it would compute again
/// instead of saving.
/// </para>
/// <para>
/// What the plan leaves to the sweep, on purpose: <em>which</em> of those candidates the reverse
/// iteration reads (<see cref="PlannedLoop.SavesFor"/> turns that read set into the pushes). The read
/// set is the free variables of the generated reverse code, and it depends on everything the sweep
/// decides: whether a value gets an adjoint at all (a value only compared or converted to <c>int</c> gets
/// none), which contributions cancel to 0 and are dropped, what the simplifier folds, which
/// branches and nested loops have reverse code, where pending reads of restored arrays are evaluated.
/// <c>RuleTable.Needs</c> says what one rule reads, not whether that rule's reverse code is written;
/// predicting the latter exactly would be the sweep run a second time. So the sweep returns the pushes
/// as an immutable part of its result (<see cref="ReverseResult.SavesOf"/>), computed by this plan's
/// <see cref="PlannedLoop.SavesFor"/>, and the fused loops' iteration code likewise
/// (<see cref="FusedIteration"/>), both keyed by loop id.
/// </para>
/// </summary>
internal sealed record LoopPlan(EquatableArray<PlannedLoop> Loops, EquatableArray<string> DeadSaves)
{
    public static readonly LoopPlan Empty = new(EquatableArray<PlannedLoop>.Empty, EquatableArray<string>.Empty);

    /// <summary>The plan of the loop with <paramref name="id"/> (every loop of the body has one).</summary>
    public PlannedLoop Of(int id) => Loops.First(l => l.Id == id);

    /// <summary>The fused shape of the loop with <paramref name="id"/>, or null when it is taped.</summary>
    public FusedLoop? FusedShapeOf(int id) => Loops.FirstOrDefault(l => l.Id == id)?.Fused;
}

/// <summary>The plan of one loop: fused when <see cref="Fused"/> is set, otherwise taped.</summary>
internal sealed record PlannedLoop(int Id, EquatableArray<CarriedValue> Carried)
{
    public FusedLoop? Fused { get; init; }

    public bool IsFused => Fused is not null;

    /// <summary>A taped loop that may exit early and has reverse code: its forward loop records where it stopped.</summary>
    public bool RecordsStop { get; init; }

    /// <summary>A taped loop's own definitions (branches included, nested bodies not, but nested loops' stops) other than its counter and carried variables, in order.</summary>
    public EquatableArray<SavedValue> Candidates { get; init; } = EquatableArray<SavedValue>.Empty;

    /// <summary>
    /// The integers a taped iteration computes unconditionally at its top level from the counter, values
    /// defined before the loop (never changed: SSA) and each other, in source order: cheaper to
    /// compute again in the reverse iteration than to save. Not a nested loop's carried variable (that
    /// loop changes it after it is computed).
    /// </summary>
    public EquatableArray<AssignStatement> Recomputable { get; init; } = EquatableArray<AssignStatement>.Empty;

    /// <summary>
    /// The scratch arrays this taped loop's reverse iteration writes again (with the part of the body that
    /// does it) instead of restoring the elements the forward iteration overwrote, or null (see
    /// <see cref="RecomputedIterations"/>; the sweep keeps it only when its reverse code allows).
    /// </summary>
    public RecomputedIteration? Recompute { get; init; }

    /// <summary>
    /// The scratch arrays a loop of this taped loop's body fills completely every iteration: the iteration
    /// saves their final contents (one copy each) and the reverse iteration starts by putting them back,
    /// instead of saving and restoring every element it overwrites (the sweep keeps those its reverse code allows).
    /// </summary>
    public EquatableArray<string> FinalContents { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// The integers this taped loop carries that its reverse loop runs backwards instead of saving (see
    /// <see cref="IntegerChains"/>), its own and those of outer chains that run through it.
    /// </summary>
    public EquatableArray<IntegerChain> Chains { get; init; } = EquatableArray<IntegerChain>.Empty;

    /// <summary>
    /// What one taped iteration pushes, given the names its reverse code reads (less those it defines
    /// itself: integers run backwards), and the integers its reverse iteration computes again instead
    /// (with the others they read), in source order.
    /// </summary>
    public (EquatableArray<SavedValue> Saves, EquatableArray<AssignStatement> Recomputed) SavesFor(ISet<string> readByReverse, string counter, ISet<string> definedByReverse)
    {
        List<SavedValue> needed = Candidates.Where(c => readByReverse.Contains(c.Name) && !definedByReverse.Contains(c.Name)).ToList();
        var known = new HashSet<string>(Recomputable.Select(r => r.Target)) { counter };
        var include = new HashSet<string>(needed.Select(n => n.Name).Where(known.Contains));
        for (int i = Recomputable.Count - 1; i >= 0; i--)
        {
            if (include.Contains(Recomputable[i].Target))
            {
                include.UnionWith(ExprRewriter.Variables(Recomputable[i].Value).Where(known.Contains));
            }
        }

        EquatableArray<AssignStatement> recomputed = Recomputable.Where(r => include.Contains(r.Target)).ToEquatableArray();
        var recomputedNames = new HashSet<string>(recomputed.Select(r => r.Target));
        return (needed.Where(n => !recomputedNames.Contains(n.Name)).ToEquatableArray(), recomputed);
    }
}

/// <summary>
/// A loop-carried variable: its back edge (<c>carried = last</c>, at the end of the body) and, when it
/// only accumulates, its iteration-start copy (<c>start = carried</c>): then its adjoint is the same
/// in every iteration, and the reverse loop reads it without handing it on or restarting it.
/// </summary>
internal sealed record CarriedValue(string Name, AssignStatement BackEdge, AssignStatement? AccumulatorStart)
{
    public bool Accumulates => AccumulatorStart is not null;
}

/// <summary>
/// A fused loop: the carried variable it adds into, the arrays it writes (scratch, rewritten every
/// iteration), those written once per element (their old elements are neither saved nor restored), and
/// every scalar its body defines.
/// </summary>
internal sealed record FusedLoop(string Accumulator, EquatableArray<string> Scratch, EquatableArray<string> WrittenOnce, EquatableArray<string> BodyNames);

/// <summary>A value a taped iteration saves on the tape, with its kind.</summary>
internal sealed record SavedValue(string Name, ValueKind Kind);
