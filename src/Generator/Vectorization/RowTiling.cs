using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Row tiles (issue 12, part 2; docs/how-it-works.md): the last step before emission of a gradient or pullback. A
/// loop over rows i (no early exit, bounds the loop does not change) whose body holds matrix-shaped loop nests runs
/// in tiles of <c>Kernels.TileSize</c> rows. An ascending loop's tiles go from the bottom, a descending loop's (a
/// reverse sweep's) from the top, and the rows of a tile run in the loop's own order, so whatever the body carries
/// from row to row is computed as before:
/// <list type="bullet">
/// <item>a dot product over t (<c>s += w1[j * n + t] * x[i * n + t]</c>, the only statement of its loop, into a
/// scalar) directly in the i loop or in a loop over j directly in it, whose one run moves with i and not j and whose
/// other run does not move with i, is computed for the whole tile first by one <c>Kernels.DotTile</c> call and read
/// back (<see cref="CodeTiledDot"/>);</item>
/// <item>an update of the same shape (<c>dw1[j * n + t] += ds * x[i * n + t]</c>) into an array the i loop only adds
/// to keeps its scale in a span (<see cref="CodeDeferredUpdate"/>), and one <c>Kernels.AddScaledTile</c> call after
/// the tile adds them all;</item>
/// <item>an update directly in the row loop whose destination run moves with i and whose source run does not
/// (<c>dw2[c * h + j] += dz * a[j]</c> in a loop over classes c) is deferred the same way, one destination row per
/// row of the tile (<see cref="TileUpdates.RowsAreDestinations"/>); rows whose runs do not overlap get the loop's bits.</item>
/// </list>
/// The runs' arrays must not be written in the i loop, and their offsets, lengths and the j loop's bounds must be
/// affine in the counters and read nothing else the loop changes; the inner loops then run whole in every
/// iteration, so computing a product earlier or adding an update later changes nothing but the order of sums.
/// An int local the row loop declares once from values it does not change (<c>int h2 = hidden.Length;</c>, what an
/// inlined call leaves) is read as its value there. Methods with <c>ExactSums = true</c> and vector-valued methods
/// are left as they are. Loops nested in a tiled
/// loop's body are tiled in turn when they qualify.
/// </summary>
internal static class RowTiling
{
    public static DerivativeSet Apply(DerivativeSet set)
    {
        MethodModel method = set.Gradient.Method;
        return method.ExactSums || method.Vector is not null ? set : set.Map(Apply);
    }

    private static GradientModel Apply(GradientModel model)
    {
        var rewriter = new Rewriter(Names.Avoiding(model));
        List<CodeStmt> forward = rewriter.Block(model.Forward);
        List<CodeStmt> reverse = rewriter.Block(model.Reverse);
        return rewriter.Changed ? model with { Forward = forward.ToEquatableArray(), Reverse = reverse.ToEquatableArray() } : model;
    }

    private sealed class Rewriter
    {
        private readonly NameAllocator names;

        public Rewriter(NameAllocator names) => this.names = names;

        public bool Changed { get; private set; }

        public List<CodeStmt> Block(IEnumerable<CodeStmt> block) => block.Select(Statement).ToList();

        private CodeStmt Statement(CodeStmt statement) => statement switch
        {
            CodeFor loop when Tile(loop) is { } tiled => tiled,
            CodeFor loop => loop with { Body = Block(loop.Body).ToEquatableArray() },
            CodeIf branch => branch with { Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() },
            _ => statement,
        };

        private CodeStmt? Tile(CodeFor loop)
        {
            string i = loop.Counter;

            // Sites are loops directly in the body: a loop without one is left before its effects are gathered.
            if (loop.Exit is not null || !loop.Body.Any(s => s is CodeFor) || LoopEffects.Of(loop.Body) is not { } effects
                || !IsBound(loop.Start, i, effects) || !IsBound(loop.End, i, effects))
            {
                return null;
            }

            var site = new SiteFinder(i, effects, names.Allocate("tileStart"), names, Definitions(loop, effects));
            var body = new List<CodeStmt>();
            foreach (CodeStmt statement in loop.Body)
            {
                body.AddRange(statement is CodeFor inner ? site.Rewrite(inner) : new[] { statement });
            }

            if (site.Products.Count == 0 && site.Updates.Count == 0)
            {
                return LanesOnly(loop, site.TileStart);
            }

            Changed = true;
            string tileEnd = names.Allocate(loop.Descending ? "tileTop" : "tileEnd");
            (string first, string last) = loop.Descending ? (tileEnd, site.TileStart) : (site.TileStart, tileEnd);
            var hoisted = new List<TileSpan>();
            var tiled = loop with { Start = new Variable(first, ValueKind.Int), End = new Variable(last, ValueKind.Int), Body = Hoist(Block(body), hoisted).ToEquatableArray() };
            return new CodeRowTiles(tiled, loop.Start, loop.End, site.TileStart, tileEnd, site.Products.ToEquatableArray(), site.Updates.ToEquatableArray()) { Hoisted = hoisted.ToEquatableArray() };
        }

        /// <summary>
        /// A loop with no products or updates for a tile, as tiles for row lanes alone (<see cref="CodeRowTiles.LanesOnly"/>:
        /// <c>ElementwiseLoops</c> prints the loop again when its rows do not qualify), when it counts up and no loop in it
        /// is tiled itself; else the loop with its nested loops tiled (null when nothing changed).
        /// </summary>
        private CodeStmt? LanesOnly(CodeFor loop, string tileStart)
        {
            List<CodeStmt> body = Block(loop.Body);
            bool tiledInside = CodeWalker.All(body).Any(s => s is CodeRowTiles { LanesOnly: false });
            if (loop.Descending || tiledInside)
            {
                names.Release(tileStart);
                return body.SequenceEqual(loop.Body) ? null : loop with { Body = body.ToEquatableArray() };
            }

            Changed = true;
            string tileEnd = names.Allocate("tileEnd");
            var tiled = loop with { Start = new Variable(tileStart, ValueKind.Int), End = new Variable(tileEnd, ValueKind.Int), Body = body.ToEquatableArray() };
            return new CodeRowTiles(tiled, loop.Start, loop.End, tileStart, tileEnd, EquatableArray<TileProducts>.Empty, EquatableArray<TileUpdates>.Empty) { LanesOnly = true };
        }

        /// <summary>
        /// Row tiles nested in a tiled loop's body, with the spans of a constant size they rent and the ones they took
        /// over from tiles nested in them, marked rented outside and added to <paramref name="hoisted"/>: the enclosing
        /// tiles rent them once rather than once per row.
        /// </summary>
        private static List<CodeStmt> Hoist(IEnumerable<CodeStmt> block, List<TileSpan> hoisted) => block.Select(statement => statement switch
        {
            CodeRowTiles tiles => HoistFrom(tiles, hoisted),
            CodeFor loop => loop with { Body = Hoist(loop.Body, hoisted).ToEquatableArray() },
            CodeIf branch => branch with { Then = Hoist(branch.Then, hoisted).ToEquatableArray(), Else = Hoist(branch.Else, hoisted).ToEquatableArray() },
            _ => statement,
        }).ToList();

        private static CodeRowTiles HoistFrom(CodeRowTiles tiles, List<TileSpan> hoisted)
        {
            hoisted.AddRange(tiles.Hoisted);
            hoisted.AddRange(tiles.Products.Where(p => Hoistable(p.Width)).Select(p => new TileSpan(p.Span, p.Buffer, p.Width)));
            hoisted.AddRange(tiles.Updates.Where(u => Hoistable(u.Width)).Select(u => new TileSpan(u.Span, u.Buffer, u.Width)));
            return tiles with
            {
                Products = tiles.Products.Select(p => p with { RentedOutside = Hoistable(p.Width) }).ToEquatableArray(),
                Updates = tiles.Updates.Select(u => u with { RentedOutside = Hoistable(u.Width) }).ToEquatableArray(),
                Hoisted = EquatableArray<TileSpan>.Empty,
            };
        }

        /// <summary>A span of a constant number of values per row has the same size in every iteration around it.</summary>
        private static bool Hoistable(Expr width) => width is IntConstant;

        /// <summary>
        /// The int locals the row loop declares once, directly in its body, from values it does not change and that
        /// cannot throw (<c>int h2 = hidden.Length;</c>, what an inlined call leaves): the same value in every
        /// iteration, so the kernels' offsets and lengths, printed before the tile, may use the value for the name.
        /// </summary>
        private static Dictionary<string, Expr> Definitions(CodeFor loop, LoopEffects effects)
        {
            var definitions = new Dictionary<string, Expr>();
            List<CodeDeclare> candidates = loop.Body.OfType<CodeDeclare>()
                .Where(declare => declare.Kind == ValueKind.Int && KernelCalls.IsSafeOffset(declare.Value, loop.Counter) && effects.IsInvariant(declare.Value))
                .ToList();
            if (candidates.Count == 0)
            {
                return definitions;
            }

            List<CodeStmt> statements = CodeWalker.All(loop.Body).ToList();
            foreach (CodeDeclare declare in candidates.Where(declare => statements.Count(statement => Writes(statement, declare.Name)) == 1))
            {
                definitions[declare.Name] = declare.Value;
            }

            return definitions;
        }

        private static bool Writes(CodeStmt statement, string name) => statement switch
        {
            CodeDeclare d => d.Name == name,
            CodeAssign a => a.Name == name,
            CodeAddTo a => a.Name == name,
            CodeFor f => f.Counter == name,
            CodeInvoke call => call.Arguments.Any(a => a.Passing != Passing.Value && a.Value is Variable v && v.Name == name),
            _ => false,
        };

        /// <summary>A loop bound that stays the same in every iteration and cannot throw.</summary>
        private static bool IsBound(Expr bound, string counter, LoopEffects effects) => KernelCalls.IsSafeOffset(bound, counter) && effects.IsInvariant(bound);
    }

    /// <summary>The sites of one loop over rows: finds them in the loop's direct children and rewrites them.</summary>
    private sealed class SiteFinder
    {
        private readonly string row;
        private readonly LoopEffects effects;
        private readonly NameAllocator names;
        private readonly Dictionary<string, Expr> definitions;

        public SiteFinder(string row, LoopEffects effects, string tileStart, NameAllocator names, Dictionary<string, Expr> definitions)
        {
            this.row = row;
            this.effects = effects;
            this.names = names;
            this.definitions = definitions;
            TileStart = tileStart;
        }

        public string TileStart { get; }

        public List<TileProducts> Products { get; } = new();

        public List<TileUpdates> Updates { get; } = new();

        /// <summary>A direct child loop of the row loop: a site itself (one row), a loop over j holding sites, or left as it is.</summary>
        public IEnumerable<CodeStmt> Rewrite(CodeFor loop)
        {
            if (Site(loop, inner: null) is { } rewritten)
            {
                return rewritten;
            }

            string j = loop.Counter;
            (Expr start, Expr end) = (Resolve(loop.Start), Resolve(loop.End));
            if (loop.Exit is not null || !KernelCalls.IsSafeOffset(start, j) || !KernelCalls.IsSafeOffset(end, j)
                || !effects.IsInvariant(start) || !effects.IsInvariant(end) || ExprRewriter.Reads(start, row) || ExprRewriter.Reads(end, row))
            {
                return new[] { loop };
            }

            var inner = new InnerLoop(j, loop.Descending ? end : start, AffineIndex.Simplify(loop.Descending
                ? new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Subtract, start, end, ValueKind.Int), new IntConstant(1), ValueKind.Int)
                : new Binary(BinaryOperator.Subtract, end, start, ValueKind.Int)));
            var body = new List<CodeStmt>();
            foreach (CodeStmt statement in loop.Body)
            {
                body.AddRange(statement is CodeFor t && Site(t, inner) is { } sites ? sites : new[] { statement });
            }

            return new[] { loop with { Body = body.ToEquatableArray() } };
        }

        /// <summary>The statements replacing a loop over t that is a dot product or holds deferrable updates, or null.</summary>
        private List<CodeStmt>? Site(CodeFor loop, InnerLoop? inner)
        {
            if (loop.Descending || loop.Exit is not null)
            {
                return null;
            }

            List<CodeStmt> statements = loop.Body.Where(s => s is not CodeComment and not CodeBlankLine).ToList();
            if (statements.Count == 1 && statements[0] is CodeAddTo { Index: null } sum && KernelCalls.DotArguments(sum, loop) is { } dot
                && Product(dot.Select(Resolve).ToList(), inner) is { } product)
            {
                string span = names.Allocate("dots");
                Products.Add(product with { Span = span, Buffer = names.Allocate(span + "Buffer") });
                return new List<CodeStmt> { new CodeTiledDot(loop, sum, span, Index(inner, product.Width)) };
            }

            if (KernelCalls.AddScaled(loop) is not { } calls)
            {
                return null;
            }

            var deferred = new List<CodeStmt>();
            var kept = new List<CodeStmt>();
            foreach (AddScaledCall call in calls)
            {
                if (Update(call.Arguments.Select(Resolve).ToList(), inner) is { } update)
                {
                    string span = names.Allocate("scales");
                    Updates.Add(update with { Span = span, Buffer = names.Allocate(span + "Buffer") });
                    deferred.Add(new CodeDeferredUpdate(loop, call.Add, span, Index(inner, update.Width), call.Arguments[2], First: deferred.Count == 0));
                }
                else
                {
                    kept.Add(call.Add);
                }
            }

            if (deferred.Count == 0)
            {
                return null;
            }

            if (kept.Count > 0)
            {
                deferred.Add(loop with { Body = loop.Body.Where(kept.Contains).ToEquatableArray() }); // its comments print above the first deferred update
            }

            return deferred;
        }

        /// <summary><paramref name="expr"/> with the row loop's int locals declared once (Rewriter.Definitions) put in for their names.</summary>
        private Expr Resolve(Expr expr) => definitions.Count == 0
            ? expr
            : ExprRewriter.Rewrite(expr, node => node is Variable v && definitions.TryGetValue(v.Name, out Expr? value) ? value : node);

        /// <summary>The products of <c>Kernels.Dot(a, p, b, q, count)</c>'s arguments when one run moves with the row and the other does not.</summary>
        private TileProducts? Product(IReadOnlyList<Expr> dot, InnerLoop? inner)
        {
            (Variable first, Expr firstStart, Variable second, Expr secondStart, Expr length) = ((Variable)dot[0], dot[1], (Variable)dot[2], dot[3], dot[4]);
            bool firstMoves = ExprRewriter.Reads(firstStart, row);
            if (firstMoves == ExprRewriter.Reads(secondStart, row))
            {
                return null;
            }

            (Variable left, Expr leftStart, Variable right, Expr rightStart) = firstMoves ? (second, secondStart, first, firstStart) : (first, firstStart, second, secondStart);
            return !effects.Writes(left.Name) && Runs(leftStart, rightStart, length, inner, right.Name) is { } runs
                ? new TileProducts(string.Empty, string.Empty, runs.Width, left.Name, runs.FixedStart, runs.FixedStride, right.Name, runs.RowStart, runs.RowStride, length)
                : null;
        }

        /// <summary>
        /// The deferred form of <c>Kernels.AddScaled(d, p, scale, s, q, count)</c> when d is only added to and s's run
        /// moves with the row; or, directly in the row loop, when d's run moves with the row and s's does not.
        /// </summary>
        private TileUpdates? Update(IReadOnlyList<Expr> call, InnerLoop? inner)
        {
            (Variable destination, Expr destinationStart, Variable source, Expr sourceStart, Expr length) = ((Variable)call[0], call[1], (Variable)call[3], call[4], call[5]);
            if (!effects.OnlyAddsTo(destination.Name) || ExprRewriter.Reads(sourceStart, row) == ExprRewriter.Reads(destinationStart, row))
            {
                return null;
            }

            if (ExprRewriter.Reads(destinationStart, row))
            {
                return inner is null ? RowDestinations(destination.Name, destinationStart, source.Name, sourceStart, length) : null;
            }

            return Runs(destinationStart, sourceStart, length, inner, source.Name) is { } runs
                ? new TileUpdates(string.Empty, string.Empty, runs.Width, destination.Name, runs.FixedStart, runs.FixedStride, source.Name, runs.RowStart, runs.RowStride, length)
                : null;
        }

        /// <summary>
        /// <c>d[p + k] += scale * s[q + k]</c> with p moving with the row and q fixed: one destination row per row of the
        /// tile, one source row. The source must not be written in the loop (the destination is only added to).
        /// </summary>
        private TileUpdates? RowDestinations(string destination, Expr destinationStart, string source, Expr sourceStart, Expr length)
        {
            if (ExprRewriter.Reads(length, row) || !effects.IsInvariant(sourceStart) || !effects.IsInvariant(destinationStart, row) || !effects.IsInvariant(length)
                || effects.Writes(source) || AffineIndex.Stride(destinationStart, row) is not { } rowStride)
            {
                return null;
            }

            Expr first = AffineIndex.At(destinationStart, row, new Variable(TileStart, ValueKind.Int));
            return new TileUpdates(string.Empty, string.Empty, new IntConstant(1), destination, first, rowStride, source, sourceStart, new IntConstant(0), length, RowsAreDestinations: true);
        }

        /// <summary>
        /// The layout of a fixed run (moving with j at most) and a row run (moving with the row, not j), or null when an
        /// offset is not affine or reads what the loop changes, or the row run's array is written in the loop (the caller
        /// checks the fixed run's array).
        /// </summary>
        private Runs? Runs(Expr fixedStart, Expr rowStart, Expr length, InnerLoop? inner, string rowArray)
        {
            // The j loop writes its counter, so "invariant" also keeps j out of the row run and the length.
            if (ExprRewriter.Reads(length, row) || !effects.IsInvariant(fixedStart, inner?.Counter) || !effects.IsInvariant(rowStart, row) || !effects.IsInvariant(length)
                || effects.Writes(rowArray)
                || AffineIndex.Stride(rowStart, row) is not { } rowStride)
            {
                return null;
            }

            Expr fixedStride = new IntConstant(0);
            Expr fixedFirst = fixedStart;
            if (inner is not null)
            {
                if (AffineIndex.Stride(fixedStart, inner.Counter) is not { } stride)
                {
                    return null;
                }

                fixedStride = stride;
                fixedFirst = AffineIndex.At(fixedStart, inner.Counter, inner.First);
            }

            return new Runs(inner?.Width ?? new IntConstant(1), fixedFirst, fixedStride, AffineIndex.At(rowStart, row, new Variable(TileStart, ValueKind.Int)), rowStride);
        }

        /// <summary>Where row i (and unit j) of the tile keeps its value: <c>(i - tileStart) * width + (j - first)</c>.</summary>
        private Expr Index(InnerLoop? inner, Expr width)
        {
            Expr rowOfTile = new Binary(BinaryOperator.Subtract, new Variable(row, ValueKind.Int), new Variable(TileStart, ValueKind.Int), ValueKind.Int);
            return inner is null
                ? rowOfTile
                : AffineIndex.Add(new Binary(BinaryOperator.Multiply, rowOfTile, width, ValueKind.Int), AffineIndex.Subtract(new Variable(inner.Counter, ValueKind.Int), inner.First));
        }
    }

    /// <summary>A loop over j directly in the row loop: its counter, its lowest value and its number of iterations.</summary>
    private sealed record InnerLoop(string Counter, Expr First, Expr Width);

    private sealed record Runs(Expr Width, Expr FixedStart, Expr FixedStride, Expr RowStart, Expr RowStride);
}
