using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Element-wise loops (issue 12, part 1; docs/how-it-works.md): a loop over j (ascending, no early exit, bounds the
/// loop does not change) whose body only maps elements, such as a hidden layer's
/// <c>double s = b1[j]; s += dots[k + j]; double a = SymMath.Sigmoid(s); h[j] = a; tape.Push(a);</c>, runs
/// <c>Lanes.Count</c> elements at a time. The body may declare and update <c>double</c> locals, read elements the
/// loop does not move (<c>w[0]</c>: one value for every lane) and runs (<c>b[p + j]</c>: stride one, an offset the loop
/// does not change), write runs of arrays it reads at that same run only (or add at several runs to an array it never
/// reads: <c>dx[i] += a; dx[i + 1] += b;</c>, the reverse of a term that reads neighbours; see <c>IsWorthIt</c>), push
/// one value per iteration (ascending) or pop one (descending: the reverse sweep's loop), and compute with + - * /,
/// negation, <c>Math.Exp</c>, <c>Math.Log</c>, <c>Math.Sqrt</c>, <c>SymMath.Sigmoid</c> and <c>SymMath.Softplus</c>;
/// one of those functions or a pop must be there (the loop's time is theirs). It may also sum
/// into the enclosing code (<c>total += v</c>, <c>dw[0] += v</c> at an index the loop does not change) when the loop
/// neither reads that variable or array nor writes it otherwise: each such sum keeps eight lanes (a
/// <see cref="LaneSum"/>) that <c>Lanes.Sum</c> adds, in its fixed order, after the vector loop; a different order of
/// the same additions, so the sum may differ from the loop's in the last bits. A descending loop runs eight elements
/// at a time from the top, lane l holding element j - 7 + l. Anything else (a branch, a nested loop, an integer
/// local, a sum the loop also reads) keeps the loop. Arithmetic gives the scalar loop's bits; the vector exp and log
/// may differ in the last bit or two, so methods with <c>ExactSums = true</c> keep their loops. A <c>float</c>
/// method's loops run sixteen elements at a time (<c>Vector512&lt;float&gt;</c>, <c>Lanes.SingleCount</c>).
/// </summary>
internal static class ElementwiseLoops
{
    public static DerivativeSet Apply(DerivativeSet set)
    {
        MethodModel method = set.Gradient.Method;
        return method.ExactSums || method.Vector is not null
            ? set
            : set.Map(Apply);
    }

    private static GradientModel Apply(GradientModel model)
    {
        var rewriter = new Rewriter(model);
        return model with { Forward = rewriter.Block(model.Forward).ToEquatableArray(), Reverse = rewriter.Block(model.Reverse).ToEquatableArray() };
    }

    private sealed class Rewriter
    {
        private readonly GradientModel model;
        private NameAllocator? names;

        public Rewriter(GradientModel model) => this.model = model;

        /// <summary>Names for the sums' accumulators (<c>totalLanes</c>), gathered from the whole model only when a loop has a sum.</summary>
        private NameAllocator Accumulators => names ??= Names.Avoiding(model);

        public List<CodeStmt> Block(IEnumerable<CodeStmt> block) => block.Select(statement => statement switch
        {
            CodeFor loop when Lanes(loop) is { } lanes => lanes,
            CodeFor loop => loop with { Body = Block(loop.Body).ToEquatableArray() },
            CodeIf branch => branch with { Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() },
            CodeRowTiles { LanesOnly: false } tiles when Lanes(tiles.Loop) is { } lanes => tiles with { Lanes = lanes },
            CodeRowTiles tiles when RowLanes.Plan(tiles, model, Accumulators) is { } rows => Tail(tiles, rows),
            CodeRowTiles { LanesOnly: true } tiles => Block(new CodeStmt[] { tiles.Loop with { Start = tiles.Start, End = tiles.End } }).Single(),
            CodeRowTiles tiles => tiles with { Loop = tiles.Loop with { Body = Block(tiles.Loop.Body).ToEquatableArray() } },
            _ => statement,
        }).ToList();

        /// <summary>Row lanes whose last rows run the loop with its own loops made element-wise where they can be.</summary>
        private CodeRowTiles Tail(CodeRowTiles tiles, CodeRowLanes rows)
        {
            (CodeRowTiles transposed, CodeFor lanes) = RowLanes.Transpose(tiles, rows.Loop);
            CodeFor tail = transposed.Loop with { Body = Block(transposed.Loop.Body).ToEquatableArray() };
            return transposed with { Loop = tail, RowLanes = rows with { Loop = lanes, Tail = tail } };
        }

        /// <summary><paramref name="loop"/> as an element-wise loop, its sums' accumulators named, or null when it is not one.</summary>
        private CodeLaneLoop? Lanes(CodeFor loop)
        {
            if (Check(loop) is not { } check)
            {
                return null;
            }

            IEnumerable<LaneSum> sums = check.Sums.Select(sum => new LaneSum(sum.Target, sum.Index, Accumulators.Allocate(sum.Target + "Lanes")));
            IEnumerable<LanePair> pairs = SoftplusPairs.Of(loop.Body.ToList(), check.Locals)
                .Select(local => new LanePair(local, Accumulators.Allocate("softplusOf" + Names.Capitalize(local)), Accumulators.Allocate("sigmoidOf" + Names.Capitalize(local))));
            return new CodeLaneLoop(loop, check.Locals.ToEquatableArray(), sums.ToEquatableArray(), pairs.ToEquatableArray());
        }
    }

    /// <summary>The body's vector locals and its sums into the enclosing code when <paramref name="loop"/> is an element-wise loop, else null.</summary>
    internal static (List<string> Locals, List<(string Target, Expr? Index)> Sums)? Check(CodeFor loop)
    {
        if (loop.Exit is not null || LoopEffects.Of(loop.Body) is not { } effects
            || !KernelCalls.IsSafeOffset(loop.Start, loop.Counter) || !KernelCalls.IsSafeOffset(loop.End, loop.Counter)
            || !effects.IsInvariant(loop.Start) || !effects.IsInvariant(loop.End))
        {
            return null;
        }

        var check = new BodyCheck(loop.Counter, effects, loop.Descending);
        return loop.Body.All(check.Accepts) && check.IsWorthIt ? (check.Locals, check.Sums) : null;
    }

    private sealed class BodyCheck
    {
        private readonly string counter;
        private readonly LoopEffects effects;
        private readonly bool descending;

        /// <summary>Each array's runs: one index per array it writes (reads of it must use the same one), unless it is only added to.</summary>
        private readonly Dictionary<string, HashSet<Expr>> runs = new();
        private readonly HashSet<string> written = new();

        /// <summary>The arrays the loop writes otherwise than by adding to a run (assigned, or updated by a kernel).</summary>
        private readonly HashSet<string> replaced = new();

        /// <summary>The arrays the loop reads at a run (an element read, or a dot product's operand).</summary>
        private readonly HashSet<string> read = new();
        private int pushes;
        private int pops;
        private bool callsFunctions;

        public BodyCheck(string counter, LoopEffects effects, bool descending)
        {
            this.counter = counter;
            this.effects = effects;
            this.descending = descending;
        }

        public List<string> Locals { get; } = new();

        /// <summary>The sums into the enclosing code (a variable, or an element at an index the loop does not change), each once, in the body's order.</summary>
        public List<(string Target, Expr? Index)> Sums { get; } = new();

        /// <summary>
        /// Whether the loop spends its time on what lanes speed up (a function, or values taken from the tape), and every
        /// array it writes is written and read at one run only, so no iteration reads what another wrote. (An array it
        /// sums into an element of is only added to, <see cref="LoopEffects.OnlyAddsTo"/>, so adds at a run may mix with it.)
        /// An array the loop only adds to and never reads may take adds at several runs (<c>dx[i] += a; dx[i + 1] += b;</c>,
        /// the reverse of a term that reads neighbours): each vector step adds at each run in the body's order, so every
        /// element receives the same additions, in a different order where two runs meet it (the last bits may differ,
        /// as in a sum; <c>ExactSums = true</c> keeps the loop).
        /// </summary>
        public bool IsWorthIt => (callsFunctions || pops > 0)
            && written.All(array => runs[array].Count == 1 || (!replaced.Contains(array) && !read.Contains(array)));

        public bool Accepts(CodeStmt statement)
        {
            switch (statement)
            {
                case CodeComment or CodeBlankLine:
                    return true;
                case CodeDeclare { Kind: ValueKind.Double } declare when Lanes(declare.Value):
                    Locals.Add(declare.Name);
                    return true;
                case CodeAssign { Index: null } assign:
                    return Locals.Contains(assign.Name) && Lanes(assign.Value);
                case CodeAddTo { Index: null } add when Locals.Contains(add.Name):
                    return Lanes(add.Value);
                case CodeAddTo { Index: null } add:
                    return add.Name != counter && Lanes(add.Value) && Sum(add.Name, null);
                case CodeAssign { Index: { } index } assign:
                    return Lanes(assign.Value) && Run(assign.Name, index) && Write(assign.Name, adds: false);
                case CodeAddTo { Index: { } index } add when !ExprRewriter.Reads(index, counter):
                    return Lanes(add.Value) && KernelCalls.IsSafeOffset(index, counter) && effects.IsInvariant(index) && effects.OnlyAddsTo(add.Name) && Sum(add.Name, index);
                case CodeAddTo { Index: { } index } add:
                    return Lanes(add.Value) && Run(add.Name, index) && Write(add.Name, adds: true);
                case CodeTiledDot dot:
                    return Locals.Contains(dot.Sum.Name) && Run(dot.Span, dot.Index) && Read(dot.Span);
                case CodeDeferredUpdate update:
                    return Lanes(update.Scale) && Run(update.Span, update.Index) && Write(update.Span, adds: false);
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Double } push:
                    return !descending && ++pushes == 1 && Lanes(push.Value);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Records a write of <paramref name="array"/> at a run: its first, or one more add to an array only added to
        /// (<see cref="IsWorthIt"/> then requires that the loop never reads it).
        /// </summary>
        private bool Write(string array, bool adds)
        {
            if (!adds)
            {
                replaced.Add(array);
            }

            return written.Add(array) || (adds && !replaced.Contains(array));
        }

        /// <summary>Records a read of <paramref name="array"/> at a run.</summary>
        private bool Read(string array)
        {
            read.Add(array);
            return true;
        }

        /// <summary>Records a sum into the enclosing code (once per target and index); the loop reads no target, as <see cref="Lanes"/> refuses what the loop writes.</summary>
        private bool Sum(string target, Expr? index)
        {
            if (!Sums.Contains((target, index)))
            {
                Sums.Add((target, index));
            }

            return true;
        }

        /// <summary>Whether the value can be computed lane by lane: see the class summary for what it may hold.</summary>
        private bool Lanes(Expr expr) => expr switch
        {
            Constant => true,
            Variable { Kind: ValueKind.Double } v => Locals.Contains(v.Name) || !effects.Writes(v.Name),
            ElementRead { Kind: ValueKind.Double } r when !ExprRewriter.Reads(r.Index, counter) => !effects.Writes(r.Array) && effects.IsInvariant(r.Index) && KernelCalls.IsSafeOffset(r.Index, counter),
            ElementRead { Kind: ValueKind.Double } r => Run(r.Array, r.Index) && Read(r.Array),
            TapePop { PoppedKind: ValueKind.Double, Tangent: false } => descending && ++pops == 1,
            Binary { ResultKind: ValueKind.Double, Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } b => Lanes(b.Left) && Lanes(b.Right),
            Unary { Operator: UnaryOperator.Negate, ResultKind: ValueKind.Double } u => Lanes(u.Operand),
            Unary { Operator: UnaryOperator.ToDouble } u => KernelCalls.IsSafeOffset(u.Operand, counter) && effects.IsInvariant(u.Operand),
            Call { Function: MathFunction.Exp or MathFunction.Log or MathFunction.Sqrt or MathFunction.Sigmoid or MathFunction.Softplus, Second: null } c => Lanes(c.First) && (callsFunctions = true),
            _ => false,
        };

        /// <summary>An index <c>p + j</c> of <paramref name="array"/>: stride one, p safe and unchanged by the loop and not reading the body's locals.</summary>
        private bool Run(string array, Expr index)
        {
            Expr offset = AffineIndex.At(index, counter, new IntConstant(0));
            if (AffineIndex.Stride(index, counter) is not IntConstant { Value: 1 } || !KernelCalls.IsSafeOffset(offset, counter) || !effects.IsInvariant(offset))
            {
                return false;
            }

            if (!runs.TryGetValue(array, out HashSet<Expr>? indices))
            {
                runs[array] = indices = new HashSet<Expr>();
            }

            indices.Add(index);
            return true;
        }
    }
}
