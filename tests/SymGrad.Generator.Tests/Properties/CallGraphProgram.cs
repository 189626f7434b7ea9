using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using static SymGrad.Generator.Tests.Properties.RandomLoopProgram;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// A random call graph (issue 10): two to four <c>[Differentiable]</c> methods <c>F0 .. Fn</c>, each
/// in its own partial declaration of one of two types, where <c>Fk</c> may call only <c>F0 .. Fk-1</c>
/// (a DAG: no recursion). Each method takes one to three doubles (<c>x</c>, <c>y</c>, <c>z</c>) and
/// sometimes a <c>double[] w</c>, an <c>int n</c> and a <c>[NoDerivative] double c</c>, in a random
/// order. Bodies are blocks of the loop programs' statements over the element expressions of
/// <see cref="RandomLoopProgram.Expr"/> whose leaves include calls of earlier methods: with random
/// scalar arguments (which may hold further calls, so <c>F(G(x), y)</c>), the caller's array or a
/// local array it filled, int arguments (literals, <c>n</c>, a loop counter) and constant arguments
/// for <c>[NoDerivative]</c> parameters (never depending on a differentiated value, so finite
/// differences see the same function the gradient differentiates); at top level, in branches and
/// their conditions, in loops over <c>w</c> and over <c>n</c>, and in loops filling a local array.
/// Arrays passed in are <see cref="ArrayLength"/> long, ints lie in 0..3. Every method returns its
/// result through <c>2 atan(r)</c>: composing unbounded methods (a power of a power inside a sine)
/// makes functions that oscillate faster than any finite-difference step can resolve, and a callee's
/// value of 1e272 subtracted and added back again (<c>s - A + (F(x) + A)</c>) rounds to a constant whose
/// finite differences are 0 while the exact derivative is not (an early version's false alarm).
/// </summary>
public sealed record CallGraphProgram(CallGraphProgram.Method[] Methods, int PointSeed)
{
    public const int ArrayLength = 4;

    /// <summary>Stands for the first or second type's name in rendered calls until the program is named.</summary>
    private const string FirstType = "§A", SecondType = "§B";

    public enum Kind
    {
        Double,
        Array,
        Int,
        Constant,
    }

    public sealed record Parameter(Kind Kind, string Name)
    {
        public string Render() => Kind switch
        {
            Kind.Double => "double " + Name,
            Kind.Array => "double[] " + Name,
            Kind.Int => "int " + Name,
            _ => "[NoDerivative] double " + Name,
        };
    }

    public sealed record Method(int Index, bool InSecondType, Parameter[] Parameters, Stmt[] Body, Expr Return)
    {
        public string Name => "F" + Index;

        public bool Has(Kind kind) => Parameters.Any(p => p.Kind == kind);
    }

    /// <summary>The program as one C# file whose types are <c>{name}A</c> and <c>{name}B</c>.</summary>
    public string Render(string name)
    {
        var sb = new StringBuilder("using System;\nusing SymGrad;\n");
        foreach (Method method in Methods)
        {
            sb.Append("\npublic static partial class ").Append(method.InSecondType ? SecondType : FirstType).Append("\n{\n");
            sb.Append("    [Differentiable]\n    public static double ").Append(method.Name)
                .Append('(').Append(string.Join(", ", method.Parameters.Select(p => p.Render()))).Append(")\n    {\n");
            foreach (Stmt statement in method.Body)
            {
                statement.Render(sb, 2);
            }

            Stmt.Line(sb, 2, "return " + method.Return.Render() + ";");
            sb.Append("    }\n}\n");
        }

        return sb.ToString().Replace(FirstType, name + "A", StringComparison.Ordinal).Replace(SecondType, name + "B", StringComparison.Ordinal);
    }

    public override string ToString() => Render("G") + "// point seed " + PointSeed + "\n";

    public static Gen<CallGraphProgram> Programs => LazyPrograms.Value;

    private static readonly Lazy<Gen<CallGraphProgram>> LazyPrograms = new(CreateGen);

    private static Gen<CallGraphProgram> CreateGen() =>
        from count in Gen.Frequency((3, Gen.Const(2)), (4, Gen.Const(3)), (3, Gen.Const(4)))
        from split in Gen.Int[0, 2]
        from methods in MethodsGen(count, split == 0)
        from pointSeed in Gen.Int[0, int.MaxValue]
        select new CallGraphProgram(methods, pointSeed);

    private static Gen<Method[]> MethodsGen(int count, bool split)
    {
        Gen<Method[]> methods = Gen.Const(Array.Empty<Method>());
        for (int k = 0; k < count; k++)
        {
            int index = k;
            methods =
                from earlier in methods
                from second in split && index > 0 ? Gen.Bool : Gen.Const(false)
                from parameters in Signature
                from method in MethodGen(index, second, parameters, earlier)
                select earlier.Append(method).ToArray();
        }

        return methods;
    }

    /// <summary>1-3 doubles, then maybe w, n and c, in a random order.</summary>
    private static Gen<Parameter[]> Signature =>
        from scalars in Gen.Int[1, 3]
        from array in Gen.Int[0, 1]
        from integer in Gen.Int[0, 2]
        from constant in Gen.Int[0, 2]
        from shuffle in Gen.Int[0, int.MaxValue]
        let parameters = new[] { new Parameter(Kind.Double, "x"), new Parameter(Kind.Double, "y"), new Parameter(Kind.Double, "z") }.Take(scalars)
            .Concat(array == 1 ? new[] { new Parameter(Kind.Array, "w") } : Array.Empty<Parameter>())
            .Concat(integer == 0 ? new[] { new Parameter(Kind.Int, "n") } : Array.Empty<Parameter>())
            .Concat(constant == 0 ? new[] { new Parameter(Kind.Constant, "c") } : Array.Empty<Parameter>())
            .ToArray()
        select Shuffle(parameters, shuffle);

    private static Parameter[] Shuffle(Parameter[] parameters, int seed)
    {
        var random = new Random(seed);
        return parameters.OrderBy(_ => random.Next()).ToArray();
    }

    // ----- contexts: what an expression may read and what a call may be given -----

    /// <summary>
    /// Where a statement is: the leaves an expression may read, the arrays a call may be given, and the
    /// texts an int or a [NoDerivative] argument may be (none of which depend on a differentiated value).
    /// </summary>
    private sealed record Context((int, string)[] Leaves, string[] Arrays, string[] Ints, string[] Constants)
    {
        public Context With(string[] arrays, (int, string)[] leaves, string[] ints, string[] constants) =>
            new(Leaves.Concat(leaves).ToArray(), Arrays.Concat(arrays).ToArray(), Ints.Concat(ints).ToArray(), Constants.Concat(constants).ToArray());
    }

    private static Context TopContext(Parameter[] parameters, bool withS)
    {
        bool hasW = parameters.Any(p => p.Kind == Kind.Array), hasN = parameters.Any(p => p.Kind == Kind.Int), hasC = parameters.Any(p => p.Kind == Kind.Constant);
        var leaves = parameters.Where(p => p.Kind == Kind.Double).Select(p => (3, p.Name)).ToList();
        if (withS)
        {
            leaves.Add((3, "s"));
        }

        if (hasW)
        {
            leaves.AddRange(new[] { (2, "w[0]"), (1, "w[w.Length - 1]"), (1, "SymMath.Dot(w, w)"), (1, "SymMath.LogSumExp(w)") });
        }

        if (hasN)
        {
            leaves.Add((1, "0.25 * n"));
            if (hasW)
            {
                leaves.Add((2, "w[n % w.Length]"));
            }
        }

        if (hasC)
        {
            leaves.Add((1, "c"));
        }

        string[] ints = new[] { "0", "1", "2", "3" }.Concat(hasN ? new[] { "n", "n", "3 - n" } : Array.Empty<string>()).ToArray();
        string[] constants = new[] { "0.5", "-1.25", "2.0" }.Concat(hasC ? new[] { "c", "c", "c * c" } : Array.Empty<string>()).Concat(hasN ? new[] { "0.5 * n" } : Array.Empty<string>()).ToArray();
        return new Context(leaves.ToArray(), hasW ? new[] { "w" } : Array.Empty<string>(), ints, constants);
    }

    /// <summary>
    /// A loop body reads <c>s</c> only through the squashed recurrence of <see cref="Using"/>: an
    /// accumulation <c>s += f(s)</c> repeated grows like a tower of powers.
    /// </summary>
    private static Context WithoutS(Context top) => top with { Leaves = top.Leaves.Where(l => l.Item2 != "s").ToArray() };

    /// <summary>
    /// Inside <c>for (int i = 0; i &lt; w.Length; i++)</c>. An int argument is <c>i % 4</c>, not <c>i</c>: callees rely on
    /// n in 0..3 (<c>3 - n</c> passed on, <c>w[n % w.Length]</c>), and arrays here have up to 5 elements; <c>i</c> itself let
    /// a callee index <c>w[-1]</c> in the user's own code (seed dHLXLz6tItD4, pullback calls).
    /// </summary>
    private static Context OverW(Context top) =>
        WithoutS(top).With(Array.Empty<string>(), new[] { (5, "w[i]"), (1, "0.25 * i"), (1, "w[(i + 1) % w.Length]") }, new[] { "i % 4", "i % 4" }, new[] { "0.25 * i" });

    /// <summary>Inside <c>for (int i = 0; i &lt; n; i++)</c> (n is at most 3, so w[i] is in range).</summary>
    private static Context OverN(Context top, bool hasW) =>
        WithoutS(top).With(Array.Empty<string>(), hasW ? new[] { (1, "0.25 * i"), (4, "w[i]") } : new[] { (2, "0.25 * i") }, new[] { "i", "n - i" }, new[] { "0.5 * i" });

    // ----- calls -----

    private static string Qualifier(Method callee, bool callerInSecondType) =>
        callee.InSecondType == callerInSecondType ? "" : (callee.InSecondType ? SecondType : FirstType) + ".";

    private static bool CanCall(Method callee, Context context) => !callee.Has(Kind.Array) || context.Arrays.Length > 0;

    /// <summary>A call of one of <paramref name="callees"/> whose scalar arguments read <paramref name="leaves"/>.</summary>
    private static Gen<string> Call(Method[] callees, bool callerInSecondType, Context context, (int, string)[] leaves, string? array = null)
    {
        Method[] callable = callees.Where(c => array is null ? CanCall(c, context) : c.Has(Kind.Array)).ToArray();
        return
            from callee in Gen.OneOf(callable)
            from arguments in Arguments(callee.Parameters, context, leaves, array)
            select Qualifier(callee, callerInSecondType) + callee.Name + "(" + string.Join(", ", arguments) + ")";
    }

    private static Gen<string[]> Arguments(Parameter[] parameters, Context context, (int, string)[] leaves, string? array)
    {
        Gen<string[]> arguments = Gen.Const(Array.Empty<string>());
        foreach (Parameter parameter in parameters)
        {
            Gen<string> argument = parameter.Kind switch
            {
                Kind.Double =>
                    from e in Gen.Frequency((2, Expr.Of(0, leaves)), (3, Expr.Of(1, leaves)))
                    select e.Render(),
                Kind.Array => array is not null ? Gen.Const(array) : Gen.OneOf(context.Arrays),
                Kind.Int => Gen.OneOf(context.Ints),
                _ => Gen.OneOf(context.Constants),
            };
            arguments = from before in arguments from a in argument select before.Append(a).ToArray();
        }

        return arguments;
    }

    /// <summary>
    /// One to three calls usable in <paramref name="context"/>, each of whose scalar arguments may read
    /// the calls before it (nested calls); the first is the one a statement is sure to contain.
    /// </summary>
    private static Gen<string[]> Calls(Method[] callees, bool callerInSecondType, Context context, string? array = null)
    {
        Gen<string[]> calls =
            from first in Call(callees, callerInSecondType, context, context.Leaves, array)
            select new[] { first };
        return
            from count in Gen.Int[0, 2]
            from pool in Enumerable.Range(0, count).Aggregate(calls, (gen, _) =>
                from before in gen
                from next in Call(callees, callerInSecondType, context, context.Leaves.Concat(before.Select(c => (2, c))).ToArray())
                select before.Append(next).ToArray())
            select pool;
    }

    private static (int, string)[] WithCalls(Context context, string[] calls) => context.Leaves.Concat(calls.Select(c => (3, c))).ToArray();

    private static readonly string[] Combinations = { "+", "-", "*", "/", "max", "min" };

    /// <summary><c>s op= call ⊕ e</c>: a statement sure to call.</summary>
    private static Gen<Stmt> Accumulate(string[] calls, (int, string)[] leaves) =>
        from op in Gen.OneOf("+=", "-=")
        from combination in Gen.OneOf(Combinations)
        from e in Expr.Of(1, leaves)
        select (Stmt)new Assign("s", op, new Binary(combination, new Leaf(calls[0]), e));

    /// <summary>A statement using <paramref name="calls"/>: an accumulation, a squashed recurrence, or a branch (its condition may call too).</summary>
    private static Gen<Stmt> Using(string[] calls, Context context)
    {
        (int, string)[] leaves = WithCalls(context, calls);
        Gen<Stmt> recurrence =
            from f in Gen.OneOf("Math.Tanh", "Math.Sin", "Math.Atan", "SymMath.Sigmoid")
            from e in Expr.Of(1, leaves)
            select (Stmt)new Assign("s", "=", new Unary(f, new Binary("+", new Raw("0.5 * s"), new Binary("*", new Leaf(calls[0]), e))));
        Gen<Stmt> branch =
            from test in Gen.OneOf("<", ">", "<=", ">=")
            from tested in Gen.OneOf(calls.Concat(context.Leaves.Select(l => l.Item2)).ToArray())
            from threshold in Gen.Int[-4, 4]
            from then in Accumulate(calls.Reverse().ToArray(), leaves)
            from otherwise in Gen.Frequency((2, Accumulate(calls, leaves).Select(s => new[] { s })), (1, Gen.Const(Array.Empty<Stmt>())))
            select (Stmt)new IfElse(new Condition(test, new Leaf(tested), new Literal(threshold / 4.0 + 0.0625)), new[] { then }, otherwise);
        return Gen.Frequency((4, Accumulate(calls, leaves)), (2, recurrence), (2, branch));
    }

    // ----- blocks -----

    private static Gen<Stmt[]> TopBlock(Method[] callees, bool second, Context top) =>
        from calls in Calls(callees, second, top)
        from statement in Using(calls, top)
        select new[] { statement };

    private static Gen<Stmt[]> LoopOverW(Method[] callees, bool second, Context top)
    {
        Context inner = OverW(top);
        return
            from calls in Calls(callees, second, inner)
            from statement in Using(calls, inner)
            select new Stmt[] { new Loop("for (int i = 0; i < w.Length; i++)", new[] { statement }) };
    }

    private static Gen<Stmt[]> LoopOverN(Method[] callees, bool second, Context top, bool hasW)
    {
        Context inner = OverN(top, hasW);
        return
            from calls in Calls(callees, second, inner)
            from statement in Using(calls, inner)
            select new Stmt[] { new Loop("for (int i = 0; i < n; i++)", new[] { statement }) };
    }

    /// <summary><c>double[] t = new double[L]</c> filled in a loop (whose elements may call), then passed whole to a callee.</summary>
    private static Gen<Stmt[]> LocalArray(Method[] callees, bool second, Context top, bool hasW, string t)
    {
        bool scalarCallee = callees.Any(c => !c.Has(Kind.Array));
        var fillLeaves = top.Leaves.Where(l => l.Item2 != "s").Append((2, "0.25 * i")).Concat(hasW ? new[] { (4, "w[i % w.Length]") } : Array.Empty<(int, string)>()).ToArray();
        var fill = new Context(fillLeaves, top.Arrays, top.Ints.Append("i % 4").ToArray(), top.Constants.Append("0.25 * i").ToArray());
        Context after = top.With(new[] { t }, Array.Empty<(int, string)>(), Array.Empty<string>(), Array.Empty<string>());
        Gen<Expr> element = Weighted(
            (3, () => Expr.Of(2, fillLeaves)),
            (hasW || scalarCallee ? 2 : 0, () => from calls in Calls(callees, second, fill)
                from e in Expr.Of(1, WithCalls(fill, calls))
                select (Expr)new Binary("+", new Leaf(calls[0]), e)));
        return
            from length in Gen.OneOf(hasW ? "w.Length" : "4", "3", "5")
            from e in element
            from first in Call(callees, second, after, top.Leaves, t)
            from calls in Calls(callees, second, after)
            from statement in Using(new[] { first }.Concat(calls).ToArray(), after)
            select new Stmt[]
            {
                new RawStatement("double[] " + t + " = new double[" + length + "];"),
                new Loop("for (int i = 0; i < " + t + ".Length; i++)", new Stmt[] { new Assign(t + "[i]", "=", e) }),
                statement,
            };
    }

    private static Gen<Method> MethodGen(int index, bool second, Parameter[] parameters, Method[] callees)
    {
        bool hasW = parameters.Any(p => p.Kind == Kind.Array), hasN = parameters.Any(p => p.Kind == Kind.Int);
        Context top = TopContext(parameters, withS: true);
        (int, string)[] initLeaves = TopContext(parameters, withS: false).Leaves;
        Gen<Stmt[]> block;
        if (callees.Length == 0)
        {
            // The leaf of the graph: the loop programs' kind of statements without calls.
            (int, string)[] leaves = top.Leaves;
            Gen<Stmt[]> plain = Expr.Of(2, leaves).Select(e => new Stmt[] { new Assign("s", "+=", e) });
            Gen<Stmt[]> overW = Expr.Of(2, OverW(top).Leaves).Select(e => new Stmt[] { new Loop("for (int i = 0; i < w.Length; i++)", new Stmt[] { new Assign("s", "+=", e) }) });
            Gen<Stmt[]> overN = Expr.Of(1, OverN(top, hasW).Leaves).Select(e => new Stmt[] { new Loop("for (int i = 0; i < n; i++)", new Stmt[] { new Assign("s", "=", new Unary("Math.Tanh", new Binary("+", new Raw("s"), e))) }) });
            block = Weighted((2, () => plain), (hasW ? 3 : 0, () => overW), (hasN ? 2 : 0, () => overN));
        }
        else
        {
            bool arrayCallee = callees.Any(c => c.Has(Kind.Array));
            bool scalarCallee = callees.Any(c => !c.Has(Kind.Array));
            block = Weighted(
                (hasW || scalarCallee ? 3 : 0, () => TopBlock(callees, second, top)),
                (hasW ? 3 : 0, () => LoopOverW(callees, second, top)),
                (hasN && (hasW || scalarCallee) ? 2 : 0, () => LoopOverN(callees, second, top, hasW)),
                (arrayCallee ? 2 : 0, () => LocalArray(callees, second, top, hasW, "t")));
        }

        return
            from init in Expr.Of(1, initLeaves)
            from blocks in block.Array[1, 2]
            from ret in Expr.Of(1, top.Leaves)
            let result = new Binary("+", new Raw("0.5 * s"), ret)
            select new Method(index, second, parameters, new Stmt[] { new Declare("s", init) }.Concat(Distinct(blocks)).ToArray(), new Raw("2.0 * Math.Atan(" + result.Render() + ")"));
    }

    /// <summary>A frequency choice among the options whose weight is positive (the others may not be constructible).</summary>
    private static Gen<T> Weighted<T>(params (int Weight, Func<Gen<T>> Make)[] options) =>
        Gen.Frequency(options.Where(o => o.Weight > 0).Select(o => (o.Weight, (IGen<T>)o.Make())).ToArray());

    /// <summary>Renames the local arrays of later blocks (t, t2, t3) so blocks can be concatenated.</summary>
    private static IEnumerable<Stmt> Distinct(Stmt[][] blocks)
    {
        for (int b = 0; b < blocks.Length; b++)
        {
            foreach (Stmt statement in blocks[b])
            {
                yield return b == 0 ? statement : Rename(statement, "t", "t" + (b + 1));
            }
        }
    }

    private static Stmt Rename(Stmt statement, string from, string to)
    {
        var sb = new StringBuilder();
        statement.Render(sb, 0);
        string text = Regex.Replace(sb.ToString().TrimEnd('\n'), @"\b" + from + @"\b", to);
        return new RawLines(text);
    }

    /// <summary>Already rendered statements (a renamed block), re-indented.</summary>
    private sealed record RawLines(string Text) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            foreach (string line in Text.Split('\n'))
            {
                Line(sb, indent, line);
            }
        }
    }
}
