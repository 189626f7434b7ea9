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
/// does not write, the row's own private arrays (<see cref="RowPrivateArrays"/>) and the tape;</item>
/// <item>the body writes only its locals, its private arrays, sums into the enclosing code (an array it only adds to,
/// a variable it only adds to, or the fused loop's copy of its accumulator, <see cref="RowAccumulators"/>) and the
/// tile's deferred updates;</item>
/// <item>a branch whose condition differs between rows holds no loop, tape operation, deferred update, int local, or
/// read of an element that differs between rows (those could be outside their array in a row the branch skips); a
/// conditional's arms and the right of <c>&amp;&amp;</c> and <c>||</c> read only what their condition read;</item>
/// <item>what the body pushes on the tape it pops again: the pushes' loops mirror the pops' loops (<see cref="TapeBalance"/>).</item>
/// </list>
/// </summary>
internal static class RowLanes
{
    /// <summary>The lanes of <paramref name="tiles"/>' loop, or null when it does not qualify.</summary>
    public static CodeRowLanes? Plan(CodeRowTiles tiles, GradientModel model, NameAllocator names)
    {
        CodeFor loop = tiles.Loop with { Body = WithoutLanesOnlyTiles(tiles.Loop.Body.Select(s => s is CodeRowTiles nested ? Untile(nested) : s)).ToEquatableArray() };
        if (loop.Descending || loop.Exit is not null || !loop.Body.Any(s => s is CodeFor)
            || LoopEffects.Of(loop.Body) is not { } effects || !TapeBalance.IsBalanced(loop.Body))
        {
            return null;
        }

        if (RowAccumulators.Find(loop.Body) is not { } carries)
        {
            return null;
        }

        var stackArrays = new HashSet<string>();
        Dictionary<string, Expr>? rented = RowPrivateArrays.RentedOnlyHere(model, tiles, stackArrays);
        if (rented is null)
        {
            return null;
        }

        var privates = new List<string>();
        foreach (string array in RowPrivateArrays.WrittenAtSharedIndices(loop.Body, loop.Counter))
        {
            if (rented.TryGetValue(array, out Expr? length) && effects.IsInvariant(length)
                && (RowPrivateArrays.IsWrittenFirst(loop.Body, array, length) || (!stackArrays.Contains(array) && RowPrivateArrays.IsZeroAtBothEnds(loop.Body, array, length))))
            {
                privates.Add(array);
            }
        }

        var check = new BodyCheck(loop.Counter, effects, new HashSet<string>(privates), carries, loop.Body);
        if (!check.Block(loop.Body, masked: false))
        {
            return null;
        }

        List<PrivateRow> privateRows = privates.Select(array => new PrivateRow(array, names.Allocate(array + "Lanes"), names.Allocate(array + "LanesBuffer"))).ToList();
        IEnumerable<ReadView> views = privateRows.Select(row => new ReadView(row.Lanes, names.Allocate(row.Lanes + "Read"), OfLanes: true))
            .Concat(tiles.Products.Select(p => new ReadView(p.Span, names.Allocate(p.Span + "Read"), OfLanes: false)));
        List<KeptProducts> kept = RowKeptProducts.Find(loop, effects, privates, check.ArraySums, check.IsUniform, names);
        return new CodeRowLanes(
            loop,
            loop,
            check.Locals.ToEquatableArray(),
            privateRows.ToEquatableArray(),
            carries.ToEquatableArray(),
            Enumerable.Range(0, check.MaskCount).Select(_ => names.Allocate("rowMask")).ToEquatableArray())
        {
            Switch = names.Allocate("rowLanes"),
            MaskLocals = check.MaskLocals.ToEquatableArray(),
            RowInts = check.RowIntLocals.ToEquatableArray(),
            Partials = check.RunningSums.SelectMany(sum => Enumerable.Range(0, 4).Select(_ => names.Allocate(sum + "Part"))).ToEquatableArray(),
            Sums = check.ArraySums.Select(array => new PrivateRow(array, names.Allocate(array + "Lanes"), names.Allocate(array + "LanesBuffer"))).ToEquatableArray(),
            Saved = RowSavedValues.Find(loop.Body, effects, names).ToEquatableArray(),
            RowsLeft = names.Allocate("rowsLeft"),
            LastRows = names.Allocate("lastRows"),
            Views = views.ToEquatableArray(),
            Kept = kept.ToEquatableArray(),
            KeptGroups = kept.Count > 0 ? names.Allocate("keptGroups") : "keptGroups",
            KeptTiles = kept.Count > 0 ? names.Allocate("keptTiles") : "keptTiles",
            Blocks = RowBlocks.Find(loop, effects, privates, check.ArraySums, names).ToEquatableArray(),
            Shares = RowSoftmaxShares.Find(loop.Body, privates, check.IsUniform, names).ToEquatableArray(),
        };
    }

    /// <summary>
    /// <paramref name="tiles"/> (and its row lanes' loop <paramref name="lanes"/>) with the tile's products and deferred
    /// updates of more than one value per row laid out the row lanes' way: value j of row i at
    /// <c>j * Kernels.TileSize + (i - tileStart)</c> instead of <c>(i - tileStart) * width + j</c>, so eight rows' values
    /// are one load or store instead of a gather or scatter (<c>Kernels.DotTileTransposed</c>,
    /// <c>Kernels.AddScaledTileTransposed</c>; the <c>double</c> products then sum in element order). A span some use of which has another index keeps its layout.
    /// </summary>
    public static (CodeRowTiles Tiles, CodeFor Lanes) Transpose(CodeRowTiles tiles, CodeFor lanes)
    {
        Expr rowOfTile = new Binary(BinaryOperator.Subtract, new Variable(tiles.Loop.Counter, ValueKind.Int), new Variable(tiles.TileStart, ValueKind.Int), ValueKind.Int);
        var widths = tiles.Products.Where(p => p.Width is not IntConstant { Value: 1 }).Select(p => (p.Span, p.Width))
            .Concat(tiles.Updates.Where(u => !u.RowsAreDestinations && u.Width is not IntConstant { Value: 1 }).Select(u => (u.Span, u.Width)))
            .ToDictionary(s => s.Span, s => s.Width);
        IEnumerable<(string Span, Expr Index)> uses = Deep(tiles.Loop.Body).Concat(Deep(lanes.Body)).Select(s => s switch
        {
            CodeTiledDot dot => (dot.Span, dot.Index),
            CodeDeferredUpdate update => (update.Span, update.Index),
            _ => (null!, null!),
        }).Where(use => use.Span is not null);
        foreach ((string span, Expr index) in uses.ToList())
        {
            if (widths.TryGetValue(span, out Expr? width) && Transposed(index, rowOfTile, width) is null)
            {
                widths.Remove(span);
            }
        }

        if (widths.Count == 0)
        {
            return (tiles, lanes);
        }

        IEnumerable<CodeStmt> Rewrite(IEnumerable<CodeStmt> block) => block.Select(statement => statement switch
        {
            CodeTiledDot dot when widths.TryGetValue(dot.Span, out Expr? width) => dot with { Index = Transposed(dot.Index, rowOfTile, width)! },
            CodeDeferredUpdate update when widths.TryGetValue(update.Span, out Expr? width) => update with { Index = Transposed(update.Index, rowOfTile, width)! },
            CodeFor loop => loop with { Body = Rewrite(loop.Body).ToEquatableArray() },
            CodeIf branch => branch with { Then = Rewrite(branch.Then).ToEquatableArray(), Else = Rewrite(branch.Else).ToEquatableArray() },
            CodeRowTiles nested => nested with { Loop = nested.Loop with { Body = Rewrite(nested.Loop.Body).ToEquatableArray() } },
            _ => statement,
        });

        CodeRowTiles rewritten = tiles with
        {
            Loop = tiles.Loop with { Body = Rewrite(tiles.Loop.Body).ToEquatableArray() },
            Products = tiles.Products.Select(p => widths.ContainsKey(p.Span) ? p with { Transposed = true } : p).ToEquatableArray(),
            Updates = tiles.Updates.Select(u => widths.ContainsKey(u.Span) ? u with { Transposed = true } : u).ToEquatableArray(),
        };
        return (rewritten, lanes with { Body = Rewrite(lanes.Body).ToEquatableArray() });
    }

    /// <summary>Every statement of <paramref name="block"/>, those inside loops, branches and nested row tiles included.</summary>
    private static IEnumerable<CodeStmt> Deep(IEnumerable<CodeStmt> block) => block.SelectMany(statement => new[] { statement }.Concat(statement switch
    {
        CodeFor loop => Deep(loop.Body),
        CodeIf branch => Deep(branch.Then.Concat(branch.Else)),
        CodeRowTiles nested => Deep(nested.Loop.Body),
        _ => Enumerable.Empty<CodeStmt>(),
    }));

    /// <summary><c>(i - tileStart) * width + j</c> as <c>j * Kernels.TileSize + (i - tileStart)</c>, or null when the index is not of that form.</summary>
    private static Expr? Transposed(Expr index, Expr rowOfTile, Expr width)
    {
        Expr product = new Binary(BinaryOperator.Multiply, rowOfTile, width, ValueKind.Int);
        if (!ExprRewriter.Contains(index, node => node.Equals(product)))
        {
            return null;
        }

        Expr column = AffineIndex.Simplify(ExprRewriter.Rewrite(index, node => node.Equals(product) ? new IntConstant(0) : node));
        if (ExprRewriter.Reads(column, ((Variable)((Binary)rowOfTile).Left).Name) || ExprRewriter.Reads(column, ((Variable)((Binary)rowOfTile).Right).Name))
        {
            return null;
        }

        return AffineIndex.Add(AffineIndex.Multiply(column, new Variable("global::SymGrad.Kernels.TileSize", ValueKind.Int)), rowOfTile);
    }

    /// <summary>
    /// The sum of a loop that only adds to one real local (<c>for (j...) s2 += w2[c * h + j] * a[j];</c>, a product of the
    /// row's own activations): in lanes it is a chain of dependent vector additions, so it runs in four partial sums
    /// added at the end (the reordering every vectorised sum makes; <c>ExactSums = true</c> keeps the loop).
    /// </summary>
    internal static CodeAddTo? IsRunningSum(CodeFor loop, ICollection<string> locals)
    {
        List<CodeStmt> statements = loop.Body.Where(s => s is not (CodeComment or CodeBlankLine)).ToList();
        return !loop.Descending && loop.Exit is null && statements.Count == 1 && statements[0] is CodeAddTo { Index: null, Value.Kind: ValueKind.Double } add
            && locals.Contains(add.Name) && ExprRewriter.Reads(add.Value, loop.Counter) && !ExprRewriter.Reads(add.Value, add.Name) ? add : null;
    }

    /// <summary>
    /// A row tile nested in the row (the output layer's products of the row's own hidden activations): its loop again,
    /// with its dot products and deferred updates as the loops they replaced. In lanes those products read the row's
    /// private array, so eight rows share each weight (broadcast once) instead of one matrix-vector kernel per row.
    /// </summary>
    private static CodeFor Untile(CodeRowTiles tiles)
    {
        // Only this tile's own products and updates: an enclosing tile's (a skip connection's x by v, say) stay as they are.
        var own = new HashSet<string>(tiles.Products.Select(p => p.Span).Concat(tiles.Updates.Select(u => u.Span)));
        return tiles.Loop with
        {
            Start = tiles.Start,
            End = tiles.End,
            Body = Untiled(tiles.Loop.Body, own).ToEquatableArray(),
        };
    }

    private static IEnumerable<CodeStmt> Untiled(IEnumerable<CodeStmt> block, HashSet<string> own) => block.SelectMany(statement => statement switch
    {
        CodeRowTiles nested => new CodeStmt[] { Untile(nested) },
        CodeTiledDot dot when own.Contains(dot.Span) => new CodeStmt[] { dot.Replaced },
        CodeDeferredUpdate update when own.Contains(update.Span) => new CodeStmt[]
        {
            update.Replaced with { Body = (update.First ? update.Replaced.Body.Where(s => s is CodeComment) : Enumerable.Empty<CodeStmt>()).Append(update.Update).ToEquatableArray() },
        },
        CodeFor inner => new CodeStmt[] { inner with { Body = Untiled(inner.Body, own).ToEquatableArray() } },
        CodeIf branch => new CodeStmt[] { branch with { Then = Untiled(branch.Then, own).ToEquatableArray(), Else = Untiled(branch.Else, own).ToEquatableArray() } },
        _ => new[] { statement },
    });

    /// <summary>
    /// <paramref name="block"/> with the tiles made for row lanes alone (<see cref="CodeRowTiles.LanesOnly"/>) anywhere in it,
    /// under loops and branches too, as the loops they were: inside these rows they are plain loops of the body.
    /// </summary>
    private static IEnumerable<CodeStmt> WithoutLanesOnlyTiles(IEnumerable<CodeStmt> block) => block.Select(statement => statement switch
    {
        CodeRowTiles { LanesOnly: true } tiles => tiles.Loop with { Start = tiles.Start, End = tiles.End, Body = WithoutLanesOnlyTiles(tiles.Loop.Body).ToEquatableArray() },
        CodeFor inner => inner with { Body = WithoutLanesOnlyTiles(inner.Body).ToEquatableArray() },
        CodeIf branch => branch with { Then = WithoutLanesOnlyTiles(branch.Then).ToEquatableArray(), Else = WithoutLanesOnlyTiles(branch.Else).ToEquatableArray() },
        _ => statement,
    });

    /// <summary><paramref name="expr"/> with every array length as 0: a length is the same for every row (the body allocates no array).</summary>
    internal static Expr WithoutLengths(Expr expr) => ExprRewriter.Rewrite(expr, node => node is LengthOf ? new IntConstant(0) : node);

    private sealed class BodyCheck
    {
        private readonly string counter;
        private readonly LoopEffects effects;
        private readonly HashSet<string> privates;
        private readonly Dictionary<string, string> carries;
        private readonly HashSet<string> uniformInts = new();
        private readonly HashSet<string> maskLocals = new();
        private readonly HashSet<string> rowBools;

        /// <summary>The bool locals that are lane masks, in order of declaration.</summary>
        public List<string> MaskLocals { get; } = new();

        /// <summary>The names the body reads in an expression, declares or assigns (everything but adding to them).</summary>
        private readonly HashSet<string> touched;

        /// <summary><see cref="RowIntLocals"/> as a set.</summary>
        private readonly HashSet<string> rowInts = new();

        /// <summary>The int locals that differ between rows, in order of declaration.</summary>
        public List<string> RowIntLocals { get; } = new();

        public BodyCheck(string counter, LoopEffects effects, HashSet<string> privates, List<RowCarry> carries, IReadOnlyList<CodeStmt> body)
        {
            touched = new HashSet<string>(CodeWalker.All(body).SelectMany(s => s is CodeAddTo { Index: null } add ? ExprRewriter.VariablesAndArrays(add.Value) : RowAccumulators.Names(s)));
            this.counter = counter;
            this.effects = effects;
            this.privates = privates;
            this.carries = carries.ToDictionary(c => c.Copy, c => c.Target);
            rowBools = RowBools(body, counter, privates, this.carries.Keys);
        }

        /// <summary>
        /// The body's bool locals that may differ between rows: set anywhere from the row counter, a real local, a
        /// private array, the tape or another such bool (a bool declared false and set to a row's condition in a branch
        /// is one), found by iterating to a fixed point. Each is a lane mask from its declaration on.
        /// </summary>
        private static HashSet<string> RowBools(IReadOnlyList<CodeStmt> body, string counter, HashSet<string> privates, IEnumerable<string> copies)
        {
            List<CodeStmt> all = CodeWalker.All(body);
            var varying = new HashSet<string>(all.OfType<CodeDeclare>().Where(d => d.Kind == ValueKind.Double).Select(d => d.Name).Concat(privates).Concat(copies)) { counter };
            var bools = new HashSet<string>();
            bool grew = true;
            while (grew)
            {
                grew = false;
                foreach (CodeStmt statement in all)
                {
                    (string? name, Expr? value) = statement switch
                    {
                        CodeDeclare { Kind: ValueKind.Bool } d => (d.Name, d.Value),
                        CodeAssign { Index: null, Value.Kind: ValueKind.Bool } a => (a.Name, a.Value),
                        _ => (null, null),
                    };
                    if (name is not null && value is not null && !bools.Contains(name)
                        && (ExprRewriter.Contains(value, e => e is TapePop) || ExprRewriter.VariablesAndArrays(value).Any(n => varying.Contains(n) || bools.Contains(n))))
                    {
                        bools.Add(name);
                        grew = true;
                    }
                }
            }

            return bools;
        }

        /// <summary>The body's real locals and masks (vectors in the lanes), in order of declaration.</summary>
        public List<string> Locals { get; } = new();

        /// <summary><see cref="Locals"/> as a set: every expression the check reads asks it.</summary>
        private readonly HashSet<string> localSet = new();

        /// <summary>The arrays the body adds to at indices the same for every row, in order of first use.</summary>
        public List<string> ArraySums { get; } = new();

        public int MaskCount { get; private set; }

        /// <summary>The loops that only sum into a real local (<see cref="IsRunningSum"/>), each printed with four partial sums.</summary>
        public List<string> RunningSums { get; } = new();

        public bool Block(IEnumerable<CodeStmt> block, bool masked) => block.All(s => Statement(s, masked));

        private bool Statement(CodeStmt statement, bool masked)
        {
            switch (statement)
            {
                case CodeComment or CodeBlankLine:
                    return true;
                case CodeDeclare { Kind: ValueKind.Double } declare when carries.ContainsKey(declare.Name):
                    // The row's copy of an accumulator: this group's part of the sum (RowAccumulators checked its uses).
                    AddLocal(declare.Name);
                    return !masked;
                case CodeDeclare { Kind: ValueKind.Double } declare:
                    if (!Real(declare.Value, masked))
                    {
                        return false;
                    }

                    AddLocal(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Bool } declare when !masked && (rowBools.Contains(declare.Name) || !IsUniform(declare.Value)):
                    if (!Mask(declare.Value))
                    {
                        return false;
                    }

                    // A condition that differs between rows: a lane mask.
                    AddLocal(declare.Name);
                    maskLocals.Add(declare.Name);
                    MaskLocals.Add(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Int, Value: TapePop { PoppedKind: ValueKind.Int, Tangent: false } } declare when !masked:
                    // An int the row pushed (TapeBalance pairs it with an int push, which must be the same for every row).
                    uniformInts.Add(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Int or ValueKind.Bool } declare when !masked && IsUniform(declare.Value):
                    uniformInts.Add(declare.Name);
                    return true;
                case CodeDeclare { Kind: ValueKind.Int } declare when !masked && RowInt(declare.Value):
                    // An int that differs between rows (a label, y[i]): 64-bit lanes.
                    rowInts.Add(declare.Name);
                    RowIntLocals.Add(declare.Name);
                    return true;
                case CodeAssign { Index: null } assign when carries.ContainsValue(assign.Name):
                    return !masked;
                case CodeAssign { Index: null } assign when maskLocals.Contains(assign.Name):
                    return Mask(assign.Value);
                case CodeAssign { Index: null } assign when localSet.Contains(assign.Name):
                    return Real(assign.Value, masked);
                case CodeAssign { Index: null } assign when uniformInts.Contains(assign.Name):
                    return !masked && IsUniform(assign.Value);
                case CodeAddTo { Index: null } add when localSet.Contains(add.Name) || carries.ContainsKey(add.Name):
                    return Real(add.Value, masked);
                case CodeAddTo { Index: null, Value.Kind: ValueKind.Double } add:
                    return IsSumTarget(add.Name) && Real(add.Value, masked);
                case CodeAssign { Index: { } index } assign when privates.Contains(assign.Name):
                    return IsUniform(index) && Real(assign.Value, masked);
                case CodeAddTo { Index: { } index } add when privates.Contains(add.Name):
                    return (IsUniform(index) || (!masked && RowInt(index))) && Real(add.Value, masked);
                case CodeAddTo { Index: { } index, Value.Kind: ValueKind.Double } add:
                    if (!IsUniform(index) || !effects.OnlyAddsTo(add.Name) || !Real(add.Value, masked))
                    {
                        return false;
                    }

                    if (!ArraySums.Contains(add.Name))
                    {
                        ArraySums.Add(add.Name);
                    }

                    return true;
                case CodeFor loop:
                    if (masked || loop.Exit is not null || !IsUniform(loop.Start) || !IsUniform(loop.End))
                    {
                        return false;
                    }

                    uniformInts.Add(loop.Counter);
                    if (!Block(loop.Body, masked))
                    {
                        return false;
                    }

                    if (IsRunningSum(loop, localSet) is { } sum)
                    {
                        RunningSums.Add(sum.Name);
                    }

                    return true;
                case CodeIf branch when IsUniform(branch.Condition):
                    return Block(branch.Then, masked) && Block(branch.Else, masked);
                case CodeIf branch:
                    MaskCount++;
                    return Mask(branch.Condition) && Block(branch.Then, masked: true) && Block(branch.Else, masked: true);
                case CodeTiledDot dot:
                    return !masked && localSet.Contains(dot.Sum.Name) && Strided(dot.Span, dot.Index);
                case CodeDeferredUpdate update:
                    return !masked && Strided(update.Span, update.Index) && Real(update.Scale, masked);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Double } push:
                    return !masked && Real(push.Value, masked);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Bool } push:
                    return !masked && Mask(push.Value);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Int } push:
                    return !masked && IsUniform(push.Value);
                default:
                    return false;
            }
        }

        private void AddLocal(string name)
        {
            Locals.Add(name);
            localSet.Add(name);
        }

        /// <summary>A variable the body only adds to: declared outside it, never read or written otherwise.</summary>
        private bool IsSumTarget(string name) => name != counter && !uniformInts.Contains(name) && !localSet.Contains(name) && !carries.ContainsKey(name) && !touched.Contains(name);

        /// <summary>A real value computed lane by lane.</summary>
        private bool Real(Expr expr, bool masked)
        {
            if (expr.Kind != ValueKind.Double || ExprRewriter.CallsOut(expr))
            {
                return false;
            }

            if (IsUniform(expr))
            {
                return true;
            }

            return expr switch
            {
                Variable { Kind: ValueKind.Double } v => localSet.Contains(v.Name) || carries.ContainsKey(v.Name),
                ElementRead { Kind: ValueKind.Double } r when privates.Contains(r.Array) => IsUniform(r.Index) || (!masked && RowInt(r.Index)),
                VectorCall { Function: VectorFunction.LogSumExp, Second: null, Index: null } v => !masked && privates.Contains(v.First),
                VectorCall { Function: VectorFunction.LogSoftmax, Second: null, Index: { } index } v => !masked && privates.Contains(v.First) && RowInt(index),
                ElementRead { Kind: ValueKind.Double } r => !masked && !effects.Writes(r.Array) && Strided(r.Array, r.Index),
                TapePop { PoppedKind: ValueKind.Double, Tangent: false } => !masked,
                Binary { ResultKind: ValueKind.Double, Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } b => Real(b.Left, masked) && Real(b.Right, masked),
                Unary { Operator: UnaryOperator.Negate, ResultKind: ValueKind.Double } u => Real(u.Operand, masked),
                Call { Function: MathFunction.Exp or MathFunction.Log or MathFunction.Sqrt or MathFunction.Sigmoid or MathFunction.Softplus or MathFunction.Abs, Second: null } c => Real(c.First, masked),
                Call { Function: MathFunction.Max or MathFunction.Min, Second: { } second } c => Real(c.First, masked) && Real(second, masked),
                Select s when IsUniform(s.Condition) => !ExprRewriter.Contains(s, e => e is TapePop) && Real(s.WhenTrue, masked) && Real(s.WhenFalse, masked),
                Select s => !ExprRewriter.Contains(s, e => e is TapePop) && Mask(s.Condition)
                    && IsSpeculative(s.WhenTrue, UnconditionalReads(s.Condition)) && IsSpeculative(s.WhenFalse, UnconditionalReads(s.Condition))
                    && Real(s.WhenTrue, true) && Real(s.WhenFalse, true),
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
            Binary { Operator: BinaryOperator.EagerAnd or BinaryOperator.EagerOr } b => Mask(b.Left) && Mask(b.Right),
            Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => Mask(b.Left) && Mask(b.Right) && (IsUniform(b.Left) || IsSpeculative(b.Right, UnconditionalReads(b.Left))),
            Unary { Operator: UnaryOperator.Not } u => Mask(u.Operand),
            _ => false,
        };

        /// <summary>
        /// Whether a value the rows one at a time might not compute (the arm of a conditional not taken, the right of
        /// <c>&amp;&amp;</c> or <c>||</c> after a left that decides) can be computed for every lane anyway: it reads no
        /// element (which might be outside its array in a row that skips it) and divides no integers.
        /// </summary>
        private static bool IsSpeculative(Expr expr, HashSet<Expr> alreadyRead) => !ExprRewriter.Contains(expr, e => e is MatrixRead or VectorCall or TapePop
            || (e is ElementRead && !alreadyRead.Contains(e))
            || e is Binary { Operator: BinaryOperator.Divide or BinaryOperator.Remainder, ResultKind: ValueKind.Int });

        /// <summary>
        /// The elements <paramref name="expr"/> reads whenever it is computed (not those in a conditional's arms or on the
        /// right of <c>&amp;&amp;</c> and <c>||</c>): the same elements read again where the loop might not read them cannot be outside their arrays.
        /// </summary>
        private static HashSet<Expr> UnconditionalReads(Expr expr)
        {
            var reads = new HashSet<Expr>();
            void Visit(Expr node)
            {
                switch (node)
                {
                    case ElementRead read:
                        reads.Add(read);
                        Visit(read.Index);
                        break;
                    case Select select:
                        Visit(select.Condition);
                        break;
                    case Binary { Operator: BinaryOperator.And or BinaryOperator.Or } logical:
                        Visit(logical.Left);
                        break;
                    case Binary binary:
                        Visit(binary.Left);
                        Visit(binary.Right);
                        break;
                    case Unary unary:
                        Visit(unary.Operand);
                        break;
                    case Call call:
                        Visit(call.First);
                        if (call.Second is not null)
                        {
                            Visit(call.Second);
                        }

                        break;
                }
            }

            Visit(expr);
            return reads;
        }

        /// <summary>
        /// An int computed lane by lane: the same for every row, or built with + - * from the body's row ints and elements
        /// of <c>int</c> arrays the body does not write at an index affine in the row counter (a label, <c>y[i]</c>).
        /// </summary>
        private bool RowInt(Expr expr) => expr.Kind == ValueKind.Int && (IsUniform(expr) || expr switch
        {
            Variable v => rowInts.Contains(v.Name),
            ElementRead { Kind: ValueKind.Int } r => !effects.Writes(r.Array) && Strided(r.Array, r.Index),
            Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply, ResultKind: ValueKind.Int } b => RowInt(b.Left) && RowInt(b.Right),
            _ => false,
        });

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
            && ExprRewriter.VariablesAndArrays(WithoutLengths(expr)).All(name => name != counter && (uniformInts.Contains(name) || !effects.Writes(name)) && !localSet.Contains(name) && !carries.ContainsKey(name) && !privates.Contains(name));
    }
}
