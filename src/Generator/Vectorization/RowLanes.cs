using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Row lanes (issue 12; docs/how-it-works.md, "Row lanes"): a row tile's loop whose body loops over something else
/// (softmax regression's classes) runs <c>Lanes.Count</c> rows at a time, lane l holding row i + l. This decides
/// whether a tile's loop qualifies and names what its lanes need; <c>Emission/RowLaneEmitter</c> prints it. The
/// checks, each of which keeps the loop as it was when it fails:
/// <list type="bullet">
/// <item>the loop counts up with no early exit and holds a loop of its own (else element-wise loops or nothing apply);</item>
/// <item>int and bool values, loop bounds and the conditions of branches holding a loop are the same for every row;</item>
/// <item>real values read elements the rows share, elements at an index affine in the row counter of arrays the body
/// does not write, the row's own private arrays (<see cref="Privates"/>) and the tape;</item>
/// <item>the body writes only its locals, its private arrays, sums into the enclosing code (an array it only adds to,
/// a variable it only adds to, or the fused loop's copy of its accumulator) and the tile's deferred updates;</item>
/// <item>a branch whose condition differs between rows holds no loop, tape operation, deferred update, int or bool
/// local, or read of an element that differs between rows (those could be outside their array in a row the branch skips);</item>
/// <item>what the body pushes on the tape it pops again: the pushes' loops mirror the pops' loops (<see cref="IsBalanced"/>).</item>
/// </list>
/// </summary>
internal static class RowLanes
{
    /// <summary>The lanes of <paramref name="tiles"/>' loop, or null when it does not qualify.</summary>
    public static CodeRowLanes? Plan(CodeRowTiles tiles, GradientModel model, NameAllocator names)
    {
        CodeFor loop = tiles.Loop;
        if (loop.Descending || loop.Exit is not null || !loop.Body.Any(s => s is CodeFor)
            || LoopEffects.Of(loop.Body) is not { } effects || !IsBalanced(loop.Body))
        {
            return null;
        }

        if (RowAccumulators.Find(loop.Body) is not { } accumulators)
        {
            return null;
        }

        List<RowCarry> carries = accumulators.Carries;
        Dictionary<string, Expr>? rented = RentedOnlyHere(model, tiles);
        if (rented is null)
        {
            return null;
        }

        var privates = new List<string>();
        foreach (string array in WrittenAtSharedIndices(loop.Body, loop.Counter))
        {
            if (rented.TryGetValue(array, out Expr? length) && effects.IsInvariant(length) && (IsWrittenFirst(loop.Body, array, length) || IsZeroAtBothEnds(loop.Body, array, length)))
            {
                privates.Add(array);
            }
        }

        var check = new BodyCheck(loop.Counter, effects, new HashSet<string>(privates), carries, loop.Body);
        if (!check.Block(loop.Body, masked: false))
        {
            return null;
        }

        return new CodeRowLanes(
            loop,
            loop,
            check.Locals.ToEquatableArray(),
            privates.Select(array => new PrivateRow(array, names.Allocate(array + "Lanes"), names.Allocate(array + "LanesBuffer"))).ToEquatableArray(),
            carries.ToEquatableArray(),
            Enumerable.Range(0, check.MaskCount).Select(_ => names.Allocate("rowMask")).ToEquatableArray());
    }

    private static bool Reads(Expr expr, string name) => ExprRewriter.VariablesAndArrays(expr).Contains(name);

    /// <summary>
    /// The method's rented scratch arrays (cleared when rented) that no statement outside <paramref name="tiles"/>
    /// uses except their renting and return, with their lengths; null when some statement cannot be read.
    /// </summary>
    private static Dictionary<string, Expr>? RentedOnlyHere(GradientModel model, CodeRowTiles tiles)
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
                    usedOutside.UnionWith(ExprRewriter.VariablesAndArrays(dot.Index));
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
                usedOutside.UnionWith(ExprRewriter.VariablesAndArrays(expr));
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
    private static IEnumerable<string> WrittenAtSharedIndices(IReadOnlyList<CodeStmt> body, string counter) =>
        CodeWalker.All(body).Select(s => s switch
        {
            CodeAssign { Index: { } index } a when !Reads(index, counter) => a.Name,
            CodeAddTo { Index: { } index } a when !Reads(index, counter) => a.Name,
            _ => null,
        }).OfType<string>().Distinct();

    /// <summary>
    /// Whether every row assigns all of <paramref name="array"/> before it reads any of it: a top-level loop over
    /// 0 to its length assigns <c>array[c]</c> first thing (unconditionally, touching no other element of it), and
    /// no statement before that loop uses the array.
    /// </summary>
    private static bool IsWrittenFirst(IReadOnlyList<CodeStmt> body, string array, Expr length)
    {
        foreach (CodeStmt statement in body)
        {
            if (statement is CodeFor { Descending: false, Exit: null, Start: IntConstant { Value: 0 } } loop && SameInt(loop.End, length)
                && FirstUseAssigns(loop, array))
            {
                return true;
            }

            if (Uses(statement, array))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="array"/> is zero whenever a row starts and ends: it is rented cleared, and the last
    /// top-level statement that uses it is a loop over all its elements that sets <c>array[c] = 0.0</c>
    /// unconditionally, uses no other element, and does not use it after that assignment.
    /// </summary>
    private static bool IsZeroAtBothEnds(IReadOnlyList<CodeStmt> body, string array, Expr length)
    {
        int last = -1;
        for (int i = 0; i < body.Count; i++)
        {
            if (Uses(body[i], array))
            {
                last = i;
            }
        }

        if (last < 0 || body[last] is not CodeFor { Exit: null } loop || !CoversAll(loop, length))
        {
            return false;
        }

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

    private static bool CoversAll(CodeFor loop, Expr length) => loop.Descending
        ? loop.End is IntConstant { Value: 0 } && SameInt(loop.Start, new Binary(BinaryOperator.Subtract, length, new IntConstant(1), ValueKind.Int))
        : loop.Start is IntConstant { Value: 0 } && SameInt(loop.End, length);

    /// <summary>Whether two int expressions are the same once folded; an array's length also matches the variable it was rented with only when written the same way.</summary>
    private static bool SameInt(Expr left, Expr right) => IntegerFolding.Fold(left).Equals(IntegerFolding.Fold(right));

    private static bool FirstUseAssigns(CodeFor loop, string array)
    {
        foreach (CodeStmt statement in loop.Body)
        {
            if (statement is CodeAssign { Index: Variable c } assign && assign.Name == array && c.Name == loop.Counter && !Reads(assign.Value, array))
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
        CodeTiledDot dot => dot.Span == array || Reads(dot.Index, array),
        CodeDeferredUpdate update => update.Span == array || Reads(update.Scale, array) || Reads(update.Index, array),
        _ => CodeWalker.ExpressionsOf(s).Any(e => Reads(e, array)),
    });

    /// <summary>
    /// Whether the body pops every value it pushes: its tape operations, with the loops around them, are a run of
    /// pushes followed by its mirror image, each loop of the pops counting down over exactly the range its push loop
    /// counted up (or the other way round), and no tape operation sits in a branch.
    /// </summary>
    internal static bool IsBalanced(IReadOnlyList<CodeStmt> body)
    {
        if (Skeleton(body) is not { } items)
        {
            return false;
        }

        int firstPop = items.FindIndex(item => !item.PushesOnly);
        if (firstPop < 0)
        {
            return items.Count == 0;
        }

        List<TapeItem> pushes = items.Take(firstPop).ToList();
        List<TapeItem> pops = items.Skip(firstPop).ToList();
        return pushes.All(p => p.PushesOnly) && pops.All(p => p.PopsOnly) && Mirrors(pushes, pops);
    }

    private static bool Mirrors(List<TapeItem> pushes, List<TapeItem> pops)
    {
        if (pushes.Count != pops.Count)
        {
            return false;
        }

        for (int i = 0; i < pushes.Count; i++)
        {
            TapeItem push = pushes[i];
            TapeItem pop = pops[pops.Count - 1 - i];
            if (push.Loop is null != (pop.Loop is null))
            {
                return false;
            }

            if (push.Loop is { } forward && pop.Loop is { } backward
                && (!SameRange(forward, backward) || !Mirrors(push.Inner, pop.Inner)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two loops run the same counter values in opposite orders.</summary>
    private static bool SameRange(CodeFor forward, CodeFor backward)
    {
        if (forward.Descending == backward.Descending || forward.Exit is not null || backward.Exit is not null)
        {
            return false;
        }

        (CodeFor up, CodeFor down) = forward.Descending ? (backward, forward) : (forward, backward);
        return SameInt(up.Start, down.End) && SameInt(new Binary(BinaryOperator.Subtract, up.End, new IntConstant(1), ValueKind.Int), down.Start);
    }

    /// <summary>A push, a pop, or a loop and the tape operations inside it.</summary>
    private sealed record TapeItem(bool IsPush, CodeFor? Loop, List<TapeItem> Inner)
    {
        public bool PushesOnly => Loop is null ? IsPush : Inner.All(i => i.PushesOnly);

        public bool PopsOnly => Loop is null ? !IsPush : Inner.All(i => i.PopsOnly);
    }

    /// <summary>The tape operations of <paramref name="block"/> in order with their loops; null when one sits in a branch or is not a real value.</summary>
    private static List<TapeItem>? Skeleton(IReadOnlyList<CodeStmt> block)
    {
        var items = new List<TapeItem>();
        foreach (CodeStmt statement in block)
        {
            switch (statement)
            {
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Double or ValueKind.Bool } push:
                    if (ExprRewriter.Contains(push.Value, e => e is TapePop))
                    {
                        return null;
                    }

                    items.Add(new TapeItem(true, null, new List<TapeItem>()));
                    break;
                case CodeTapePush:
                    return null;
                case CodeIf branch when CodeWalker.All(branch.Then.Concat(branch.Else)).Any(HasTape) || ExprRewriter.Contains(branch.Condition, e => e is TapePop):
                    return null;
                case CodeFor loop:
                    if (CodeWalker.ExpressionsOf(loop).Any(e => ExprRewriter.Contains(e, node => node is TapePop)) || Skeleton(loop.Body) is not { } inner)
                    {
                        return null;
                    }

                    if (inner.Count > 0)
                    {
                        items.Add(new TapeItem(false, loop, inner));
                    }

                    break;
                default:
                    foreach (Expr expr in CodeWalker.ExpressionsOf(statement).Concat(Extra(statement)))
                    {
                        int pops = Count(expr);
                        if (pops > 1 || (pops == 1 && !(expr is TapePop { PoppedKind: ValueKind.Double or ValueKind.Bool, Tangent: false } && statement is CodeDeclare)))
                        {
                            return null;
                        }

                        if (pops == 1)
                        {
                            items.Add(new TapeItem(false, null, new List<TapeItem>()));
                        }
                    }

                    break;
            }
        }

        return items;
    }

    private static IEnumerable<Expr> Extra(CodeStmt statement) => statement switch
    {
        CodeTiledDot dot => new[] { dot.Index },
        CodeDeferredUpdate update => new[] { update.Index, update.Scale },
        _ => System.Array.Empty<Expr>(),
    };

    private static bool HasTape(CodeStmt statement) => statement is CodeTapePush || CodeWalker.ExpressionsOf(statement).Concat(Extra(statement)).Any(e => ExprRewriter.Contains(e, node => node is TapePop));

    private static int Count(Expr expr)
    {
        int count = 0;
        ExprRewriter.Contains(expr, node =>
        {
            if (node is TapePop)
            {
                count++;
            }

            return false;
        });
        return count;
    }

    /// <summary>What the body may hold in lanes (see the class summary), gathering its vector locals and counting its masks.</summary>
    private sealed class BodyCheck
    {
        private readonly string counter;
        private readonly LoopEffects effects;
        private readonly HashSet<string> privates;
        private readonly Dictionary<string, string> carries;
        private readonly HashSet<string> uniformInts = new();
        private readonly HashSet<string> maskLocals = new();

        /// <summary>The names the body reads in an expression, declares or assigns (everything but adding to them).</summary>
        private readonly HashSet<string> touched;

        public BodyCheck(string counter, LoopEffects effects, HashSet<string> privates, List<RowCarry> carries, IReadOnlyList<CodeStmt> body)
        {
            touched = new HashSet<string>(CodeWalker.All(body).SelectMany(s => s is CodeAddTo { Index: null } add ? ExprRewriter.VariablesAndArrays(add.Value) : RowAccumulators.Names(s)));
            this.counter = counter;
            this.effects = effects;
            this.privates = privates;
            this.carries = carries.ToDictionary(c => c.Copy, c => c.Target);
        }

        public List<string> Locals { get; } = new();

        public int MaskCount { get; private set; }

        public bool Block(IEnumerable<CodeStmt> block, bool masked) => block.All(s => Statement(s, masked));

        private bool Statement(CodeStmt statement, bool masked)
        {
            switch (statement)
            {
                case CodeComment or CodeBlankLine:
                    return true;
                case CodeDeclare { Kind: ValueKind.Double } declare when carries.ContainsKey(declare.Name):
                    // The row's copy of an accumulator: this group's part of the sum (RowAccumulators checked its uses).
                    Locals.Add(declare.Name);
                    return !masked;
                case CodeDeclare { Kind: ValueKind.Double } declare:
                    if (!Real(declare.Value, masked))
                    {
                        return false;
                    }

                    Locals.Add(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Bool } declare when !masked && !IsUniform(declare.Value):
                    if (!Mask(declare.Value))
                    {
                        return false;
                    }

                    // A condition that differs between rows: a lane mask.
                    Locals.Add(declare.Name);
                    maskLocals.Add(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Int or ValueKind.Bool } declare when !masked && IsUniform(declare.Value):
                    uniformInts.Add(declare.Name);
                    return true;
                case CodeAssign { Index: null } assign when carries.ContainsValue(assign.Name):
                    return !masked;
                case CodeAssign { Index: null } assign when Locals.Contains(assign.Name):
                    return Real(assign.Value, masked);
                case CodeAssign { Index: null } assign when uniformInts.Contains(assign.Name):
                    return !masked && IsUniform(assign.Value);
                case CodeAddTo { Index: null } add when Locals.Contains(add.Name) || carries.ContainsKey(add.Name):
                    return Real(add.Value, masked);
                case CodeAddTo { Index: null, Value.Kind: ValueKind.Double } add:
                    return IsSumTarget(add.Name) && Real(add.Value, masked);
                case CodeAssign { Index: { } index } assign when privates.Contains(assign.Name):
                    return IsUniform(index) && Real(assign.Value, masked);
                case CodeAddTo { Index: { } index } add when privates.Contains(add.Name):
                    return IsUniform(index) && Real(add.Value, masked);
                case CodeAddTo { Index: { } index, Value.Kind: ValueKind.Double } add:
                    return IsUniform(index) && effects.OnlyAddsTo(add.Name) && Real(add.Value, masked);
                case CodeFor loop:
                    if (masked || loop.Exit is not null || !IsUniform(loop.Start) || !IsUniform(loop.End))
                    {
                        return false;
                    }

                    uniformInts.Add(loop.Counter);
                    return Block(loop.Body, masked);
                case CodeIf branch when IsUniform(branch.Condition):
                    return Block(branch.Then, masked) && Block(branch.Else, masked);
                case CodeIf branch:
                    MaskCount++;
                    return Mask(branch.Condition) && Block(branch.Then, masked: true) && Block(branch.Else, masked: true);
                case CodeTiledDot dot:
                    return !masked && Locals.Contains(dot.Sum.Name) && Strided(dot.Span, dot.Index);
                case CodeDeferredUpdate update:
                    return !masked && Strided(update.Span, update.Index) && Real(update.Scale, masked);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Double } push:
                    return !masked && Real(push.Value, masked);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Bool } push:
                    return !masked && Mask(push.Value);
                default:
                    return false;
            }
        }

        /// <summary>A variable the body only adds to: declared outside it, never read or written otherwise.</summary>
        private bool IsSumTarget(string name) => name != counter && !uniformInts.Contains(name) && !Locals.Contains(name) && !carries.ContainsKey(name) && !touched.Contains(name);

        /// <summary>A real value computed lane by lane.</summary>
        private bool Real(Expr expr, bool masked)
        {
            if (ExprRewriter.CallsOut(expr))
            {
                return false;
            }

            if (IsUniform(expr))
            {
                return true;
            }

            return expr switch
            {
                Variable { Kind: ValueKind.Double } v => Locals.Contains(v.Name) || carries.ContainsKey(v.Name),
                ElementRead { Kind: ValueKind.Double } r when privates.Contains(r.Array) => IsUniform(r.Index),
                ElementRead { Kind: ValueKind.Double } r => !masked && !effects.Writes(r.Array) && Strided(r.Array, r.Index),
                TapePop { PoppedKind: ValueKind.Double, Tangent: false } => !masked,
                Binary { ResultKind: ValueKind.Double, Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } b => Real(b.Left, masked) && Real(b.Right, masked),
                Unary { Operator: UnaryOperator.Negate, ResultKind: ValueKind.Double } u => Real(u.Operand, masked),
                Call { Function: MathFunction.Exp or MathFunction.Log or MathFunction.Sqrt or MathFunction.Sigmoid or MathFunction.Softplus or MathFunction.Abs, Second: null } c => Real(c.First, masked),
                Call { Function: MathFunction.Max or MathFunction.Min, Second: { } second } c => Real(c.First, masked) && Real(second, masked),
                Select s when s.Kind == ValueKind.Double => !ExprRewriter.Contains(s, e => e is TapePop) && (IsUniform(s.Condition) || Mask(s.Condition)) && Real(s.WhenTrue, true) && Real(s.WhenFalse, true),
                _ => false,
            };
        }

        /// <summary>A condition compared lane by lane: comparisons of real values joined with ! &amp;&amp; || &amp; |.</summary>
        private bool Mask(Expr condition) => condition switch
        {
            _ when IsUniform(condition) => true,
            Variable v => maskLocals.Contains(v.Name),
            TapePop { PoppedKind: ValueKind.Bool, Tangent: false } => true,
            Binary { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal or BinaryOperator.NotEqual } b
                => b.Left.Kind == ValueKind.Double && b.Right.Kind == ValueKind.Double && Real(b.Left, true) && Real(b.Right, true),
            Binary { Operator: BinaryOperator.And or BinaryOperator.Or or BinaryOperator.EagerAnd or BinaryOperator.EagerOr } b => Mask(b.Left) && Mask(b.Right),
            Unary { Operator: UnaryOperator.Not } u => Mask(u.Operand),
            _ => false,
        };

        /// <summary>An element at an index affine in the row counter, with a stride and an offset the same for every row.</summary>
        private bool Strided(string array, Expr index) =>
            ExprRewriter.Reads(index, counter) && AffineIndex.Stride(index, counter) is { } stride && IsUniform(stride)
            && KernelCalls.IsSafeOffset(AffineIndex.At(index, counter, new IntConstant(0)), counter) && IsUniform(AffineIndex.At(index, counter, new IntConstant(0)));

        /// <summary>
        /// The same value for every row: it reads neither the row counter, nor a real local, carry or private array, nor
        /// the tape, nor anything else the body writes except its int locals and loop counters.
        /// </summary>
        public bool IsUniform(Expr expr) =>
            !ExprRewriter.Contains(expr, e => e is TapePop)
            && !ExprRewriter.CallsOut(expr)
            && ExprRewriter.VariablesAndArrays(expr).All(name => name != counter && (uniformInts.Contains(name) || !effects.Writes(name)) && !Locals.Contains(name) && !carries.ContainsKey(name) && !privates.Contains(name));
    }
}
