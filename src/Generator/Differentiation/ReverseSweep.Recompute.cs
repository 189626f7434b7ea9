using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Scratch arrays of taped loops (<see cref="RecomputedIterations"/>): the reverse iteration starts from the
/// forward iteration's final contents of its scratch arrays, put back from one saved copy or written again,
/// and the reverse body no longer restores them. The plan says which arrays qualify by the forward code;
/// here the reverse code decides: an array is kept only when no reverse code reads one of its elements after
/// a restore of the array (it would read a value the forward iteration overwrote later, which only the
/// restore brought back).
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>Saved old elements no reverse code restores any more: the forward sweep skips them.</summary>
    private readonly List<string> droppedSaves = new();

    /// <summary>Per taped loop, the scratch arrays whose final contents its iterations save (in push order).</summary>
    private readonly Dictionary<int, EquatableArray<string>> finalContents = new();

    /// <summary>
    /// How the reverse iteration of <paramref name="loop"/> gets its scratch arrays back, if it does: the code that
    /// puts their saved final contents back (first, before the iteration's other pops) and the code that writes
    /// the others again (after the pops), with the reverse body without their restores (and without the pops of
    /// the old elements in the nested reverse loops). Null when every array keeps its saves.
    /// </summary>
    private (List<CodeStmt> Restore, List<CodeStmt> Recompute, List<CodeStmt> Body)? ScratchIteration(ForStatement loop, List<CodeStmt> body)
    {
        PlannedLoop planned = plan.Of(loop.Id);
        Dictionary<string, HashSet<string>> savedOf = planned.FinalContents.Concat(planned.Recompute?.Arrays ?? EquatableArray<string>.Empty).ToDictionary(
            array => array,
            array => new HashSet<string>(StatementWalker.All(loop.Body).OfType<ElementAssignStatement>().Where(e => e.Array == array).Select(e => e.Saved).OfType<string>()));
        List<string> kept = planned.FinalContents.Where(array => !ReadsAfterRestore(body, array, savedOf[array])).ToList();
        RecomputedIteration? iteration = null;
        if (planned.Recompute is { } recompute)
        {
            List<string> arrays = recompute.Arrays.Where(array => !ReadsAfterRestore(body, array, savedOf[array])).ToList();
            iteration = arrays.Count == recompute.Arrays.Count ? recompute
                : arrays.Count > 0 ? RecomputedIterations.ForArrays(loop, arrays)
                : null;
        }

        if (kept.Count == 0 && iteration is null)
        {
            return null;
        }

        var saved = new HashSet<string>(kept.Concat(iteration?.Arrays ?? EquatableArray<string>.Empty).SelectMany(array => savedOf[array]));
        body = WithoutRestores(body, saved);
        foreach (ForStatement inner in StatementWalker.All(loop.Body).OfType<ForStatement>())
        {
            if (saves.TryGetValue(inner.Id, out EquatableArray<SavedValue> values))
            {
                saves[inner.Id] = values.Where(v => !saved.Contains(v.Name)).ToEquatableArray();
            }
        }

        droppedSaves.AddRange(saved);
        var restore = new List<CodeStmt>();
        if (kept.Count > 0)
        {
            finalContents[loop.Id] = kept.ToEquatableArray();
            restore.Add(new CodeComment("The iteration's final contents of " + string.Join(", ", kept) + ", saved instead of every element it overwrites."));
            for (int i = kept.Count - 1; i >= 0; i--)
            {
                string index = names.Allocate("index");
                var at = new Variable(index, ValueKind.Int);
                Expr last = new Binary(BinaryOperator.Subtract, new LengthOf(kept[i]), new IntConstant(1), ValueKind.Int);
                var pop = new CodeAssign(kept[i], new TapePop(ValueKind.Double), at);
                restore.Add(new CodeFor(index, last, new IntConstant(0), true, new CodeStmt[] { pop }.ToEquatableArray()));
            }
        }

        var recomputeCode = new List<CodeStmt>();
        if (iteration is not null)
        {
            var nothing = new ReverseResult(EquatableArray<CodeStmt>.Empty, EquatableArray<LoopSaves>.Empty, EquatableArray<FusedIteration>.Empty, EquatableArray<ArrayAdjoint>.Empty);
            var forward = new ForwardSweepEmitter(plan, nothing, names);
            forward.Output.Add(new CodeComment("Recomputed, instead of saving every element the iteration overwrites: its writes of " + string.Join(", ", iteration.Arrays) + " again."));
            forward.Emit(iteration.Slice, hoisted: false);
            recomputeCode = forward.Output;
        }

        return (restore, recomputeCode, body);
    }

    /// <summary>
    /// Whether a statement of <paramref name="block"/> reads an element of <paramref name="array"/> after a
    /// restore of it (an assignment of one of <paramref name="saved"/>), in the order the code runs. Elements
    /// at constant indices are told apart (a restore of <c>c[1]</c> does not change <c>c[0]</c>); any other index
    /// may be any element. A loop whose body restores the array and reads it counts as such a read (a later
    /// iteration reads after an earlier one restored).
    /// </summary>
    private static bool ReadsAfterRestore(IReadOnlyList<CodeStmt> block, string array, HashSet<string> saved)
    {
        var restored = new Restored();
        return ReadsAfterRestore(block, array, saved, restored);
    }

    private static bool ReadsAfterRestore(IReadOnlyList<CodeStmt> block, string array, HashSet<string> saved, Restored restored)
    {
        foreach (CodeStmt statement in block)
        {
            switch (statement)
            {
                case CodeFor loop:
                    if (ReadsOf(statement, array).Any(restored.Covers))
                    {
                        return true;
                    }

                    var inside = new Restored();
                    foreach (CodeStmt restore in CodeWalker.All(loop.Body).Where(s => IsRestore(s, array, saved)))
                    {
                        inside.Add(((CodeAssign)restore).Index!);
                    }

                    inside.AddAll(restored);
                    if (CodeWalker.All(loop.Body).SelectMany(s => ReadsOf(s, array)).Any(inside.Covers))
                    {
                        return true;
                    }

                    restored.AddAll(inside);
                    break;
                case CodeIf branch:
                    if (ReadsOf(statement, array).Any(restored.Covers))
                    {
                        return true;
                    }

                    Restored then = restored.Copy();
                    Restored otherwise = restored.Copy();
                    if (ReadsAfterRestore(branch.Then, array, saved, then) || ReadsAfterRestore(branch.Else, array, saved, otherwise))
                    {
                        return true;
                    }

                    restored.AddAll(then);
                    restored.AddAll(otherwise);
                    break;
                default:
                    if (ReadsOf(statement, array).Any(restored.Covers))
                    {
                        return true;
                    }

                    if (IsRestore(statement, array, saved))
                    {
                        restored.Add(((CodeAssign)statement).Index!);
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsRestore(CodeStmt statement, string array, HashSet<string> saved) =>
        statement is CodeAssign { Index: not null, Value: Variable value } assign && assign.Name == array && saved.Contains(value.Name);

    /// <summary>The indices at which the statement's own expressions (or a call's arguments) read the array; null for a read of the whole array.</summary>
    private static IEnumerable<Expr?> ReadsOf(CodeStmt statement, string array)
    {
        IEnumerable<Expr> expressions = CodeWalker.ExpressionsOf(statement)
            .Concat(statement is CodeInvoke call ? call.Arguments.Select(a => a.Value) : Enumerable.Empty<Expr>());
        var reads = new List<Expr?>();
        foreach (Expr expr in expressions)
        {
            ExprRewriter.Contains(expr, e =>
            {
                switch (e)
                {
                    case ElementRead read when read.Array == array:
                        reads.Add(read.Index);
                        break;
                    case VectorCall v when v.First == array || v.Second == array:
                    case ArrayArgument a when a.Array == array:
                        reads.Add(null);
                        break;
                }

                return false;
            });
        }

        return reads;
    }

    /// <summary>Which elements of an array the reverse code has restored so far: constant indices, or possibly any.</summary>
    private sealed class Restored
    {
        private readonly HashSet<long> constants = new();
        private bool any;

        public void Add(Expr index)
        {
            if (index is IntConstant c)
            {
                constants.Add(c.Value);
            }
            else
            {
                any = true;
            }
        }

        public void AddAll(Restored other)
        {
            any |= other.any;
            constants.UnionWith(other.constants);
        }

        public Restored Copy()
        {
            var copy = new Restored();
            copy.AddAll(this);
            return copy;
        }

        /// <summary>Whether a read at <paramref name="index"/> (null: every element) may read a restored element.</summary>
        public bool Covers(Expr? index) => any ? true : constants.Count > 0 && (index is not IntConstant c || constants.Contains(c.Value));
    }

    /// <summary>The block without the restores of <paramref name="saved"/> and the pops that fetched them.</summary>
    private static List<CodeStmt> WithoutRestores(IEnumerable<CodeStmt> block, HashSet<string> saved) => block
        .Where(s => !(s is CodeAssign { Index: not null, Value: Variable value } && saved.Contains(value.Name))
            && !(s is CodeDeclare { Value: TapePop } pop && saved.Contains(pop.Name)))
        .Select(s => s switch
        {
            CodeFor f => f with { Body = WithoutRestores(f.Body, saved).ToEquatableArray() },
            CodeIf i => i with { Then = WithoutRestores(i.Then, saved).ToEquatableArray(), Else = WithoutRestores(i.Else, saved).ToEquatableArray() },
            _ => s,
        })
        .ToList();
}
