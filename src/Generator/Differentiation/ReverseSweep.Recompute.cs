using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Recomputed iterations (<see cref="RecomputedIterations"/>): the reverse iteration of a taped loop
/// writes its scratch arrays again before its reverse body runs, and the reverse body no longer restores
/// them. The plan says which arrays qualify by the forward code; here the reverse code decides: an array
/// is kept only when no reverse code reads one of its elements after a restore of the array (it would
/// read a value the forward iteration overwrote later, which only the restore brought back).
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>Saved old elements no reverse code restores any more: the forward sweep skips them.</summary>
    private readonly List<string> droppedSaves = new();

    /// <summary>
    /// The code that writes the loop's scratch arrays again, and the reverse body without their restores
    /// (and without the pops of the old elements in the nested reverse loops), or null when the loop is not
    /// recomputed.
    /// </summary>
    private (List<CodeStmt> Recompute, List<CodeStmt> Body)? RecomputeIteration(ForStatement loop, List<CodeStmt> body)
    {
        RecomputedIteration? planned = plan.Of(loop.Id).Recompute;
        if (planned is null)
        {
            return null;
        }

        Dictionary<string, HashSet<string>> savedOf = planned.Arrays.ToDictionary(
            array => array,
            array => new HashSet<string>(StatementWalker.All(loop.Body).OfType<ElementAssignStatement>().Where(e => e.Array == array).Select(e => e.Saved).OfType<string>()));
        List<string> arrays = planned.Arrays.Where(array => !ReadsAfterRestore(body, array, savedOf[array])).ToList();
        RecomputedIteration? iteration = arrays.Count == planned.Arrays.Count ? planned
            : arrays.Count > 0 ? RecomputedIterations.ForArrays(loop, arrays)
            : null;
        if (iteration is null)
        {
            return null;
        }

        var saved = new HashSet<string>(arrays.SelectMany(array => savedOf[array]));
        body = WithoutRestores(body, saved);
        foreach (ForStatement inner in StatementWalker.All(loop.Body).OfType<ForStatement>())
        {
            if (saves.TryGetValue(inner.Id, out EquatableArray<SavedValue> values))
            {
                saves[inner.Id] = values.Where(v => !saved.Contains(v.Name)).ToEquatableArray();
            }
        }

        droppedSaves.AddRange(saved);
        var nothing = new ReverseResult(EquatableArray<CodeStmt>.Empty, EquatableArray<LoopSaves>.Empty, EquatableArray<FusedIteration>.Empty, EquatableArray<ArrayAdjoint>.Empty);
        var forward = new ForwardSweepEmitter(plan, nothing, names);
        forward.Output.Add(new CodeComment("Recomputed, instead of saving every element the iteration overwrites: its writes of " + string.Join(", ", arrays) + " again."));
        forward.Emit(iteration.Slice, hoisted: false);
        return (forward.Output, body);
    }

    /// <summary>
    /// Whether a statement of <paramref name="block"/> reads <paramref name="array"/> after a restore of it
    /// (an assignment of one of <paramref name="saved"/>), in the order the code runs. A loop whose body
    /// restores the array and reads it counts as such a read (a later iteration reads after an earlier one
    /// restored).
    /// </summary>
    private static bool ReadsAfterRestore(IReadOnlyList<CodeStmt> block, string array, HashSet<string> saved)
    {
        bool restored = false;
        return ReadsAfterRestore(block, array, saved, ref restored);
    }

    private static bool ReadsAfterRestore(IReadOnlyList<CodeStmt> block, string array, HashSet<string> saved, ref bool restored)
    {
        foreach (CodeStmt statement in block)
        {
            switch (statement)
            {
                case CodeFor loop:
                    bool restoresInside = CodeWalker.All(loop.Body).Any(s => IsRestore(s, array, saved));
                    if ((restored && ReadsArray(statement, array)) || ((restored || restoresInside) && CodeWalker.All(loop.Body).Any(s => ReadsArray(s, array))))
                    {
                        return true;
                    }

                    restored |= restoresInside;
                    break;
                case CodeIf branch:
                    if (restored && ReadsArray(statement, array))
                    {
                        return true;
                    }

                    bool then = restored;
                    bool otherwise = restored;
                    if (ReadsAfterRestore(branch.Then, array, saved, ref then) || ReadsAfterRestore(branch.Else, array, saved, ref otherwise))
                    {
                        return true;
                    }

                    restored = then || otherwise;
                    break;
                default:
                    if (restored && ReadsArray(statement, array))
                    {
                        return true;
                    }

                    restored |= IsRestore(statement, array, saved);
                    break;
            }
        }

        return false;
    }

    private static bool IsRestore(CodeStmt statement, string array, HashSet<string> saved) =>
        statement is CodeAssign { Index: not null, Value: Variable value } assign && assign.Name == array && saved.Contains(value.Name);

    /// <summary>Whether the statement's own expressions (or a call's arguments) read the array.</summary>
    private static bool ReadsArray(CodeStmt statement, string array) =>
        CodeWalker.ExpressionsOf(statement).Any(e => ExprRewriter.VariablesAndArrays(e).Contains(array))
        || (statement is CodeInvoke call && call.Arguments.Any(a => ExprRewriter.VariablesAndArrays(a.Value).Contains(array)));

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
