using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// The row-private scratch arrays of row lanes (<see cref="RowLanes"/>): a rented array of the method that no
/// statement outside the row loop uses but its renting and return, and that every row either assigns in full before
/// reading it, or finds and leaves all zero.
/// </summary>
internal static class RowPrivateArrays
{
    /// <summary>
    /// The method's rented scratch arrays (cleared when rented) and <c>stackalloc</c> arrays (added to
    /// <paramref name="stackArrays"/>: a project may skip zeroing them, so only rows that write them first may use them)
    /// that no statement outside <paramref name="tiles"/> uses except their renting, declaration and return, with their
    /// lengths; null when some statement cannot be read.
    /// </summary>
    internal static Dictionary<string, Expr>? RentedOnlyHere(GradientModel model, CodeRowTiles tiles, HashSet<string> stackArrays)
    {
        var rented = new Dictionary<string, Expr>();
        var usedOutside = new HashSet<string>();
        var assigned = new HashSet<string>();
        foreach (CodeStmt statement in Outside(model.Forward.Concat(model.Reverse), tiles))
        {
            switch (statement)
            {
                case CodeRentBuffer { Declaration: BufferStep.DeclareAndRent } rent:
                    rented[rent.Name] = rent.Length;
                    break;
                case CodeRentBuffer rent:
                    usedOutside.Add(rent.Name);
                    break;
                case CodeArrayDeclare { StackAlloc: true, Deferred: false } stack:
                    rented[stack.Name] = stack.Length;
                    stackArrays.Add(stack.Name);
                    break;
                case CodeReturnBuffer or CodeComment or CodeBlankLine:
                    break;
                case CodeAssign a:
                    usedOutside.Add(a.Name);
                    assigned.Add(a.Name);
                    break;
                case CodeAddTo a:
                    usedOutside.Add(a.Name);
                    assigned.Add(a.Name);
                    break;
                case CodeClear c:
                    usedOutside.Add(c.Name);
                    break;
                case CodeLengthCheck c:
                    usedOutside.Add(c.Array);
                    usedOutside.Add(c.Other);
                    break;
                case CodeInvoke call:
                    usedOutside.UnionWith(call.Arguments.SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
                    break;
                case CodeTiledDot dot:
                    usedOutside.Add(dot.Span);
                    ExprRewriter.AddVariablesAndArrays(dot.Index, usedOutside);
                    break;
                case CodeDeferredUpdate update:
                    usedOutside.Add(update.Span);
                    break;
                case CodeRowTiles other:
                    usedOutside.UnionWith(other.Products.SelectMany(p => new[] { p.Left, p.Right }));
                    usedOutside.UnionWith(other.Updates.SelectMany(u => new[] { u.Destination, u.Source }));
                    break;
                case CodeDeclare or CodeFor or CodeIf or CodeFailWhen or CodeTapePush or CodeArrayDeclare or CodeArrayAllocate or CodeLaneLoop:
                    break;
                default:
                    return null;
            }

            foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
            {
                ExprRewriter.AddVariablesAndArrays(expr, usedOutside);
            }
        }

        // A length read again at the loop must still be the one rented with.
        foreach (string name in usedOutside.Concat(rented.Where(r => ExprRewriter.VariablesAndArrays(r.Value).Any(assigned.Contains)).Select(r => r.Key)).ToList())
        {
            rented.Remove(name);
        }

        return rented;
    }

    /// <summary>Every statement of <paramref name="block"/>, nested ones included, except those of <paramref name="tiles"/>' loop.</summary>
    private static IEnumerable<CodeStmt> Outside(IEnumerable<CodeStmt> block, CodeRowTiles tiles)
    {
        foreach (CodeStmt statement in block)
        {
            if (ReferenceEquals(statement, tiles))
            {
                continue;
            }

            yield return statement;
            IEnumerable<CodeStmt> inner = statement switch
            {
                CodeFor f => f.Body,
                CodeIf i => i.Then.Concat(i.Else),
                CodeRowTiles t => new CodeStmt[] { t.Loop },
                CodeLaneLoop l => new CodeStmt[] { l.Loop },
                _ => System.Array.Empty<CodeStmt>(),
            };
            foreach (CodeStmt nested in Outside(inner, tiles))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The arrays the body assigns or adds to at an index the same for every row.</summary>
    internal static IEnumerable<string> WrittenAtSharedIndices(IReadOnlyList<CodeStmt> body, string counter) =>
        CodeWalker.All(body).Select(s => s switch
        {
            CodeAssign { Index: { } index } a when !ExprRewriter.Reads(index, counter) => a.Name,
            CodeAddTo { Index: { } index } a when !ExprRewriter.Reads(index, counter) => a.Name,
            _ => null,
        }).OfType<string>().Distinct();

    /// <summary>
    /// Whether every row assigns all of <paramref name="array"/> before it reads any of it: a top-level loop over
    /// 0 to its length assigns <c>array[c]</c> first thing (unconditionally, touching no other element of it), and
    /// no statement before that loop uses the array.
    /// </summary>
    internal static bool IsWrittenFirst(IReadOnlyList<CodeStmt> body, string array, Expr length)
    {
        foreach (CodeStmt statement in body)
        {
            if (statement is CodeFor { Exit: null } loop && CoversAll(loop, array, length) && FirstUseAssigns(loop, array))
            {
                return true;
            }

            if (Uses(statement, array))
            {
                return InEveryIteration(body, array, inner => IsWrittenFirst(inner, array, length));
            }
        }

        return false;
    }

    /// <summary>
    /// Whether every statement of <paramref name="body"/> that uses <paramref name="array"/> is a loop whose every
    /// iteration has the property (a mixture's scratch rows, written first or zero at both ends in each of its
    /// components' iterations): no value of the array then flows from one iteration, or row, to the next.
    /// </summary>
    private static bool InEveryIteration(IReadOnlyList<CodeStmt> body, string array, System.Func<IReadOnlyList<CodeStmt>, bool> holds) =>
        body.Where(s => Uses(s, array)).All(s => s is CodeFor { Exit: null } loop && holds(loop.Body));

    /// <summary>
    /// Whether <paramref name="array"/> is zero whenever a row starts and ends: it is rented cleared, and the last
    /// top-level statement that uses it is a loop over all its elements that sets <c>array[c] = 0.0</c>
    /// unconditionally, uses no other element, and does not use it after that assignment (or every statement using it
    /// is a loop each of whose iterations has this property).
    /// </summary>
    internal static bool IsZeroAtBothEnds(IReadOnlyList<CodeStmt> body, string array, Expr length)
    {
        int last = -1;
        for (int i = 0; i < body.Count; i++)
        {
            if (Uses(body[i], array))
            {
                last = i;
            }
        }

        return last >= 0
            && ((body[last] is CodeFor { Exit: null } loop && CoversAll(loop, array, length) && ZeroesEveryElement(loop, array))
                || InEveryIteration(body, array, inner => IsZeroAtBothEnds(inner, array, length)));
    }

    /// <summary>Whether the loop sets <c>array[c] = 0.0</c> unconditionally, uses no other element and not the array after that.</summary>
    private static bool ZeroesEveryElement(CodeFor loop, string array)
    {
        int zeroed = -1;
        for (int i = 0; i < loop.Body.Count; i++)
        {
            if (loop.Body[i] is CodeAssign { Value: Constant { Value: 0.0 }, Index: Variable c } zero && zero.Name == array && c.Name == loop.Counter
                && System.BitConverter.DoubleToInt64Bits(((Constant)zero.Value).Value) == 0)
            {
                zeroed = i;
                break;
            }
        }

        return zeroed >= 0
            && loop.Body.Skip(zeroed + 1).All(s => !Uses(s, array))
            && CodeWalker.All(loop.Body).All(s => OnlyAtCounter(s, array, loop.Counter));
    }

    /// <summary>Whether the loop runs over every element of <paramref name="array"/>, up or down (its <c>Length</c> is the rented length).</summary>
    private static bool CoversAll(CodeFor loop, string array, Expr length)
    {
        Expr Bound(Expr bound) => ExprRewriter.Rewrite(bound, node => node is LengthOf { Dimension: null } of && of.Array == array ? length : node);
        return loop.Descending
            ? loop.End is IntConstant { Value: 0 } && SameInt(Bound(loop.Start), new Binary(BinaryOperator.Subtract, length, new IntConstant(1), ValueKind.Int))
            : loop.Start is IntConstant { Value: 0 } && SameInt(Bound(loop.End), length);
    }


    private static bool FirstUseAssigns(CodeFor loop, string array)
    {
        foreach (CodeStmt statement in loop.Body)
        {
            if (statement is CodeAssign { Index: Variable c } assign && assign.Name == array && c.Name == loop.Counter && !ExprRewriter.Reads(assign.Value, array))
            {
                return CodeWalker.All(loop.Body).All(s => OnlyAtCounter(s, array, loop.Counter));
            }

            if (Uses(statement, array))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="statement"/> uses no element of <paramref name="array"/> but the counter's.</summary>
    private static bool OnlyAtCounter(CodeStmt statement, string array, string counter)
    {
        bool AtCounter(Expr? index) => index is Variable v && v.Name == counter;
        bool target = statement switch
        {
            CodeAssign a when a.Name == array => AtCounter(a.Index),
            CodeAddTo a when a.Name == array => AtCounter(a.Index),
            CodeTiledDot dot => dot.Span != array,
            CodeDeferredUpdate update => update.Span != array,
            _ => true,
        };
        return target && CodeWalker.ExpressionsOf(statement).All(e => !ExprRewriter.Contains(e, node => node is ElementRead r && r.Array == array && !AtCounter(r.Index))
            && !ExprRewriter.Contains(e, node => node is Variable v && v.Name == array));
    }

    /// <summary>Whether <paramref name="statement"/> (or a statement inside it) reads or writes <paramref name="array"/>.</summary>
    private static bool Uses(CodeStmt statement, string array) => CodeWalker.All(new[] { statement }).Any(s => s switch
    {
        CodeAssign a when a.Name == array => true,
        CodeAddTo a when a.Name == array => true,
        CodeTiledDot dot when dot.Span == array => true,
        CodeDeferredUpdate update when update.Span == array => true,
        _ => CodeWalker.ExpressionsOf(s).Any(e => ExprRewriter.Reads(e, array)),
    });

    /// <summary>Whether two int expressions are the same once folded.</summary>
    internal static bool SameInt(Expr left, Expr right) => IntegerFolding.Fold(left).Equals(IntegerFolding.Fold(right));
}
