using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Saved values of row lanes in rows of their own (issue 12; docs/how-it-works.md, "Row lanes"). A group of rows pushes
/// and pops whole vectors, each value popped again in the same group (<see cref="TapeBalance"/>). A loop of the body
/// that pushes the same number of values in every iteration, and the loop that pops them counting the other way, keep
/// them in a pooled row indexed by the counter instead: <c>max3Saved[c - 1] = max3;</c> ...
/// <c>Vector512&lt;double&gt; max3 = max3Saved[c - 1];</c>. The values and their order of use are the tape's; what goes is
/// the tape's call to grow inside the loop, around which every vector the loop keeps in a register had to be saved
/// to the stack (softmax's running maximum and sum of exponentials), and its count kept in memory.
/// </summary>
internal static class RowSavedValues
{
    /// <summary>
    /// The push loops of <paramref name="body"/> that qualify, each with its pop loop: both directly in the body, the
    /// tape operations directly in the loops (none in a nested loop), the same number in both, and the loops' bounds
    /// unchanged by the body, so the row's size can be computed once before the tiles.
    /// </summary>
    public static List<SavedRow> Find(IReadOnlyList<CodeStmt> body, LoopEffects effects, NameAllocator names)
    {
        var saved = new List<SavedRow>();
        var pushLoops = new List<int>();
        var popLoops = new List<int>();
        for (int k = 0; k < body.Count; k++)
        {
            if (body[k] is not CodeFor loop || !HasTape(loop))
            {
                continue;
            }

            (int pushes, int pops) = DirectOperations(loop);
            if (pushes > 0 && pops == 0)
            {
                pushLoops.Add(k);
            }
            else if (pops > 0 && pushes == 0)
            {
                popLoops.Add(k);
            }
        }

        // TapeBalance holds: the push loops' tape items mirror the pop loops' in reverse order. Pair them the same way,
        // by the tape operations outside loops too: a pair counts only when the items between them balance.
        List<int> items = TapeItems(body);
        foreach (int push in pushLoops)
        {
            int position = items.IndexOf(push);
            int mirror = items.Count - 1 - position;
            if (position < 0 || mirror <= position || !popLoops.Contains(items[mirror]))
            {
                continue;
            }

            var pushLoop = (CodeFor)body[push];
            var popLoop = (CodeFor)body[items[mirror]];
            int count = DirectOperations(pushLoop).Pushes;
            // Bounds computed before the tiles: unchanged by the body, and unable to throw (no division, no array read),
            // since the rows' loop might not have run them at all.
            if (DirectOperations(popLoop).Pops != count || pushLoop.Descending || HasInts(pushLoop) || HasInts(popLoop) || !effects.IsInvariant(pushLoop.Start) || !effects.IsInvariant(pushLoop.End)
                || !Emission.KernelCalls.IsSafeOffset(pushLoop.Start, pushLoop.Counter) || !Emission.KernelCalls.IsSafeOffset(pushLoop.End, pushLoop.Counter)
                || CodeWalker.All(pushLoop.Body).Any(s => s is CodeFor inner && HasTape(inner)) || CodeWalker.All(popLoop.Body).Any(s => s is CodeFor inner && HasTape(inner)))
            {
                continue;
            }

            string hint = FirstPushed(pushLoop) is Variable v ? v.Name : "value";
            saved.Add(new SavedRow(
                push, items[mirror], count, pushLoop.Start, AffineIndex.Subtract(pushLoop.End, pushLoop.Start),
                names.Allocate(hint + "Saved"), names.Allocate(hint + "SavedBuffer")));
        }

        return saved;
    }

    /// <summary>The body's tape operations in order, as the positions of the statements holding them (a loop once).</summary>
    private static List<int> TapeItems(IReadOnlyList<CodeStmt> body)
    {
        var items = new List<int>();
        for (int k = 0; k < body.Count; k++)
        {
            if (body[k] is CodeFor loop)
            {
                if (HasTape(loop))
                {
                    items.Add(k);
                }

                continue;
            }

            int operations = body[k] is CodeTapePush ? 1 : CodeWalker.ExpressionsOf(body[k]).Sum(Count);
            for (int o = 0; o < operations; o++)
            {
                items.Add(k);
            }
        }

        return items;
    }

    /// <summary>The pushes and pops directly in the loop's body (not in its nested loops).</summary>
    private static (int Pushes, int Pops) DirectOperations(CodeFor loop)
    {
        int pushes = 0;
        int pops = 0;
        foreach (CodeStmt statement in loop.Body)
        {
            if (statement is CodeFor)
            {
                continue;
            }

            pushes += statement is CodeTapePush ? 1 : 0;
            pops += CodeWalker.ExpressionsOf(statement).Sum(Count);
        }

        return (pushes, pops);
    }

    private static Expr? FirstPushed(CodeFor loop) => loop.Body.OfType<CodeTapePush>().FirstOrDefault()?.Value;

    /// <summary>Whether the loop pushes or pops an int (one value per group, not a vector: the saved rows hold vectors).</summary>
    private static bool HasInts(CodeFor loop) => CodeWalker.All(loop.Body).Any(s => s is CodeTapePush { Value.Kind: ValueKind.Int }
        || CodeWalker.ExpressionsOf(s).Any(e => ExprRewriter.Contains(e, node => node is TapePop { PoppedKind: ValueKind.Int })));

    private static bool HasTape(CodeFor loop) => CodeWalker.All(loop.Body).Any(TapeBalance.HasTape);

    private static int Count(Expr expr) => TapeBalance.Count(expr);
}
