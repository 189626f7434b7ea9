using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Planning;

/// <summary>
/// Computes the <see cref="LoopPlan"/> of a prepared SSA body from the body and its active names alone:
/// a pure function, run before the reverse sweep. Top-level loops that <see cref="LoopFusion"/>
/// accepts are fused; every other loop (nested loops included) is taped.
/// </summary>
internal static class LoopPlanner
{
    public static LoopPlan Plan(IReadOnlyList<Stmt> body, ISet<string> active)
    {
        List<Stmt> all = StatementWalker.All(body);
        Dictionary<string, ValueKind> kinds = KindsOf(all);
        var loops = new List<PlannedLoop>();
        var deadSaves = new List<string>();
        var fusedShapes = new Dictionary<int, FusedLoop>();
        foreach (ForStatement loop in body.OfType<ForStatement>())
        {
            if (LoopFusion.Analyze(loop, body, active) is { } shape)
            {
                fusedShapes[loop.Id] = shape;
            }
        }

        // A recomputed iteration pops what its slice reads at its top, before the reverse body runs: its own
        // integers are not run backwards (a chain would define them only at the end of the reverse body).
        var recomputed = new Dictionary<int, RecomputedIteration>();
        var finalContents = new Dictionary<int, EquatableArray<string>>();
        foreach (ForStatement loop in all.OfType<ForStatement>().Where(l => !fusedShapes.ContainsKey(l.Id) && Activity.HasActiveWork(l.Body, active)))
        {
            (EquatableArray<string> saved, RecomputedIteration? iteration) = RecomputedIterations.Plan(loop, all);
            if (saved.Count > 0)
            {
                finalContents[loop.Id] = saved;
            }

            if (iteration is not null)
            {
                recomputed[loop.Id] = iteration;
            }
        }

        Dictionary<int, List<IntegerChain>> chains = IntegerChains.Find(
            all.OfType<ForStatement>().Where(l => !fusedShapes.ContainsKey(l.Id)), active, kinds, new HashSet<int>(recomputed.Keys));
        foreach (ForStatement loop in all.OfType<ForStatement>())
        {
            var planned = new PlannedLoop(loop.Id, CarriedOf(loop));
            if (fusedShapes.TryGetValue(loop.Id, out FusedLoop? fused))
            {
                loops.Add(planned with { Fused = fused });
                deadSaves.AddRange(DeadSavesOf(loop, fused));
                continue;
            }

            // A taped loop without active assignments or element writes has no reverse code: it reads nothing.
            loops.Add(!Activity.HasActiveWork(loop.Body, active) ? planned : planned with
            {
                RecordsStop = loop.Stop is not null,
                Candidates = SaveCandidates(loop, kinds),
                Recomputable = RecomputableIntegers(loop),
                Chains = chains.TryGetValue(loop.Id, out List<IntegerChain>? own) ? own.ToEquatableArray() : EquatableArray<IntegerChain>.Empty,
                Recompute = recomputed.TryGetValue(loop.Id, out RecomputedIteration? iteration) ? iteration : null,
                FinalContents = finalContents.TryGetValue(loop.Id, out EquatableArray<string> saved) ? saved : EquatableArray<string>.Empty,
            });
        }

        return new LoopPlan(loops.ToEquatableArray(), deadSaves.ToEquatableArray());
    }

    /// <summary>The kind of every name the body defines (the last definition wins, as SSA merges agree).</summary>
    private static Dictionary<string, ValueKind> KindsOf(IEnumerable<Stmt> all)
    {
        var kinds = new Dictionary<string, ValueKind>();
        foreach (Stmt statement in all)
        {
            if (statement is AssignStatement assign)
            {
                kinds[assign.Target] = assign.Value.Kind;
            }
            else if (statement is ForStatement loop)
            {
                kinds[loop.Counter] = ValueKind.Int;
                if (loop.Stop is not null)
                {
                    kinds[loop.Stop] = ValueKind.Int;
                }
            }
        }

        return kinds;
    }

    /// <summary>The back edges at the end of the body, last first, with the start copies of the carried variables that only accumulate.</summary>
    private static EquatableArray<CarriedValue> CarriedOf(ForStatement loop)
    {
        var carried = new List<CarriedValue>();
        for (int i = loop.Body.Count - 1; i >= 0 && loop.Body[i] is AssignStatement edge && loop.Carried.Contains(edge.Target); i--)
        {
            AssignStatement? start = LoopFusion.IsAccumulator(loop, edge.Target)
                ? loop.Body.OfType<AssignStatement>().First(a => a.Value is Variable v && v.Name == edge.Target)
                : null;
            carried.Add(new CarriedValue(edge.Target, edge, start));
        }

        return carried.ToEquatableArray();
    }

    /// <summary>Saved old elements of the arrays a fused loop writes once per element: no reverse code restores them.</summary>
    private static IEnumerable<string> DeadSavesOf(ForStatement loop, FusedLoop fused) =>
        StatementWalker.All(loop.Body).OfType<ElementAssignStatement>()
            .Where(e => e.Saved is not null && fused.WrittenOnce.Contains(e.Array))
            .Select(e => e.Saved!);

    /// <summary>
    /// The names the body defines at its own level (branches included, nested loops' bodies not, but
    /// where a nested loop stopped), in order, without the counter and the carried variables.
    /// </summary>
    private static EquatableArray<SavedValue> SaveCandidates(ForStatement loop, Dictionary<string, ValueKind> kinds)
    {
        IEnumerable<string> level = StatementWalker.All(loop.Body, intoLoops: false).Select(s => s switch
        {
            AssignStatement assign => assign.Target,
            ForStatement { Stop: { } stop } => stop,
            _ => null,
        }).OfType<string>();
        return level.Where(name => name != loop.Counter && !loop.Carried.Contains(name))
            .Distinct()
            .Select(name => new SavedValue(name, kinds[name]))
            .ToEquatableArray();
    }

    /// <summary>See <see cref="PlannedLoop.Recomputable"/>.</summary>
    private static EquatableArray<AssignStatement> RecomputableIntegers(ForStatement loop)
    {
        var definedInBody = new HashSet<string>(StatementWalker.AssignedNames(loop.Body));
        // A nested loop's carried variable is assigned before that loop and changed by it: after the
        // loop (where the reverse code reads it) it holds the final value, not the one computed here.
        var changedLater = new HashSet<string>(StatementWalker.All(loop.Body).OfType<ForStatement>().SelectMany(l => l.Carried));
        var known = new HashSet<string> { loop.Counter };
        foreach (AssignStatement assign in loop.Body.OfType<AssignStatement>())
        {
            if (assign.Value.Kind == ValueKind.Int
                && !changedLater.Contains(assign.Target)
                && !ExprRewriter.ReadsArrays(assign.Value)
                && ExprRewriter.Variables(assign.Value).All(name => known.Contains(name) || (!definedInBody.Contains(name) && !loop.Carried.Contains(name))))
            {
                known.Add(assign.Target);
            }
        }

        return loop.Body.OfType<AssignStatement>().Where(a => known.Contains(a.Target)).ToEquatableArray();
    }
}
