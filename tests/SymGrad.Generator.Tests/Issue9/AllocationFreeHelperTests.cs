using System;
using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// The helpers that replaced allocating or slow library calls on the generator's hot paths (2026-12-06, docs/benchmarks.md,
/// "Generator time") give what the calls they replaced gave. The generated files themselves are held unchanged by the
/// snapshot and determinism tests.
/// </summary>
public class AllocationFreeHelperTests
{
    [Fact]
    public void CollapsingWhiteSpaceGivesWhatTheRegexGave()
    {
        // Statements as OneLine sees them: source text with every kind of white space C# allows, at either end too.
        // Every white space character char.IsWhiteSpace knows, and look-alikes that are not white space (control
        // characters, the zero-width space, the byte-order mark).
        string[] whiteSpace = Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(char.IsWhiteSpace).Select(c => c.ToString()).ToArray();
        Assert.Equal(25, whiteSpace.Length);
        Gen<string> pieces = Gen.OneOf(Gen.OneOf(whiteSpace), Gen.OneOf("x", "y1", "=", "+", "(", ")", ";", "\"a  b\"", "//c", "  ", "\r\n", "\u0000", "\u001B", "\u200B", "\uFEFF", "\u0007"));
        pieces.Array[0, 30].Select(parts => string.Concat(parts)).Sample(raw =>
            Assert.Equal(Regex.Replace(raw, @"\s+", " ").Trim(), BodyLowerer.CollapseWhitespace(raw)), iter: 5_000);
    }

    [Fact]
    public void TheAllocationFreeNameWalksAgreeWithTheNameLists()
    {
        // Random expressions of every node kind over a few shared names, arrays and scalars alike: Reads and ReadsAny
        // stand for VariablesAndArrays(e).Contains and .Any(set.Contains), AddVariables* for copying the lists into a set.
        Gen<string> name = Gen.OneOf("a", "b", "w", "x", "i");
        var callee = new Callee("F", "F", "FPullback", CalleeDerivative.Pullback, EquatableArray<CalleeParameter>.Empty);
        Gen<Expr> leaf = Gen.OneOf(
            name.Select(n => (Expr)new Variable(n, ValueKind.Double)),
            name.Select(n => (Expr)new Variable(n, ValueKind.Int)),
            Gen.Double[-2, 2].Select(v => (Expr)new Constant(v)),
            name.Select(n => (Expr)new LengthOf(n)),
            name.Select(n => (Expr)new ArrayArgument(n, ValueKind.DoubleArray)),
            Gen.Const((Expr)new TapePop(ValueKind.Double)),
            Gen.Const((Expr)new Opaque("a.Length", ValueKind.Int)),
            Gen.Select(name, name, (f, g) => (Expr)new VectorCall(VectorFunction.Dot, f, g, null)),
            name.Select(f => (Expr)new VectorCall(VectorFunction.LogSumExp, f, null, null)));
        Gen<Expr> Of(int depth) => depth == 0 ? leaf : Gen.Frequency(
            (3, leaf),
            (1, Of(depth - 1).Select(e => (Expr)new Unary(UnaryOperator.Negate, e, ValueKind.Double))),
            (2, Gen.Select(Of(depth - 1), Of(depth - 1), (l, r) => (Expr)new Binary(BinaryOperator.Add, l, r, ValueKind.Double))),
            (1, Gen.Select(Of(depth - 1), Of(depth - 1), (f, g) => (Expr)new Call(MathFunction.Pow, f, g))),
            (1, Of(depth - 1).Select(f => (Expr)new IntCall(MathFunction.Exp, f, null))),
            (1, Gen.Select(Of(depth - 1), Of(depth - 1), Of(depth - 1), (c, t, f) => (Expr)new Select(c, t, f))),
            (1, Gen.Select(name, Of(depth - 1), (a, i) => (Expr)new ElementRead(a, i, ValueKind.Double))),
            (1, Gen.Select(name, Of(depth - 1), Of(depth - 1), (a, r, c) => (Expr)new MatrixRead(a, r, c))),
            (1, Gen.Select(name, Of(depth - 1), (f, i) => (Expr)new VectorCall(VectorFunction.Dot, f, null, i))),
            (1, Of(depth - 1).Array[0, 3].Select(arguments => (Expr)new UserCall(callee, arguments.ToEquatableArray(), ValueKind.Double))));

        Gen.Select(Of(4), name, name.Array[0, 3]).Sample((expr, one, some) =>
        {
            var listed = ExprRewriter.VariablesAndArrays(expr).ToList();
            Assert.Equal(listed.Contains(one), ExprRewriter.Reads(expr, one));
            var set = new System.Collections.Generic.HashSet<string>(some);
            Assert.Equal(listed.Any(set.Contains), ExprRewriter.ReadsAny(expr, set));

            var added = new System.Collections.Generic.HashSet<string>(some);
            ExprRewriter.AddVariablesAndArrays(expr, added);
            Assert.True(added.SetEquals(some.Concat(listed)));
            var scalars = new System.Collections.Generic.List<string>();
            ExprRewriter.AddVariables(expr, scalars);
            Assert.Equal(ExprRewriter.Variables(expr), scalars);
        }, iter: 5_000);
    }

    [Fact]
    public void AnAttributeIsMatchedByItsFullNameOnly()
    {
        var compilation = GeneratorHarness.Compile(
            "namespace A { public class DerivativeOfAttribute : System.Attribute { } }\n"
            + "namespace SymGrad.Models { public class Outer { public class DerivativeOfAttribute : System.Attribute { } } }\n"
            + "namespace SymGrad.Generic { public class DerivativeOfAttribute<T> : System.Attribute { } }\n"
            + "public class DerivativeOfAttribute : System.Attribute { }\n"
            + "public static class C\n{\n"
            + "    [SymGrad.DerivativeOf(\"F\")] public static void Real() { }\n"
            + "    [A.DerivativeOf] public static void Other() { }\n"
            + "    [SymGrad.Models.Outer.DerivativeOf] public static void Nested() { }\n"
            + "    [System.Obsolete] public static void Unrelated() { }\n"
            + "    [SymGrad.Generic.DerivativeOf<int>] public static void Generic() { }\n"
            + "    [global::DerivativeOfAttribute] public static void Global() { }\n}\n");
        var type = compilation.GetTypeByMetadataName("C")!;
        bool Matches(string method) => type.GetMembers(method).Single().GetAttributes().Any(a => AttributeMatch.Is(a, "SymGrad.DerivativeOfAttribute"));

        Assert.True(Matches("Real"));
        Assert.False(Matches("Other"));
        Assert.False(Matches("Nested"));
        Assert.False(Matches("Unrelated"));
        Assert.False(Matches("Generic"));
        Assert.False(Matches("Global"));
        Assert.True(type.GetMembers("Global").Single().GetAttributes().Any(a => AttributeMatch.Is(a, "DerivativeOfAttribute")));
        Assert.True(type.GetMembers("Nested").Single().GetAttributes().Any(a => AttributeMatch.Is(a, "SymGrad.Models.Outer.DerivativeOfAttribute")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(40_959)]
    [InlineData(40_960)]
    [InlineData(40_961)]
    [InlineData(250_000)]
    public void AWritersSourceTextHoldsWhatItsStringHolds(int characters)
    {
        // Exactly these sizes: around Roslyn's chunk size (40 Ki characters), below which it keeps one string, and a file
        // the size of GMM's.
        var random = new Random(characters);
        var lines = new System.Text.StringBuilder();
        while (lines.Length < characters)
        {
            lines.Append(random.Next(8) == 0 ? '\n' : (char)('a' + random.Next(26)));
            if (random.Next(50) == 0)
            {
                lines.Append('é');
            }
        }

        var writer = new IndentedWriter();
        writer.Raw(lines.ToString(0, characters));
        string text = writer.ToString();
        Assert.Equal(characters, text.Length);
        var source = writer.ToSourceText();
        Assert.Equal(text, source.ToString());
        Assert.Equal(text.Length, source.Length);
        Assert.Equal(System.Text.Encoding.UTF8, source.Encoding);
        Assert.Equal(CSharpSyntaxTree.ParseText(text).GetRoot().ToFullString(), CSharpSyntaxTree.ParseText(source).GetRoot().ToFullString());
    }

    [Theory]
    [InlineData("x", "x")]
    [InlineData("@class", "class")]
    [InlineData("", "")]
    [InlineData("@", "")]
    [InlineData("a@b", "a@b")]
    [InlineData("@@x", "x")]
    public void AnEscapedIdentifierLosesItsAtSign(string name, string unescaped) => Assert.Equal(unescaped, NameAllocator.Unescaped(name));
}
