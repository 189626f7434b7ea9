using System;
using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Emission;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Naming;
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
        Gen<string> pieces = Gen.OneOf("x", "y1", "=", "+", "(", ")", ";", "\"a  b\"", "//c", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u2028", "\v", "\f", "\u0085");
        pieces.Array[0, 30].Select(parts => string.Concat(parts)).Sample(raw =>
            Assert.Equal(Regex.Replace(raw, @"\s+", " ").Trim(), BodyLowerer.CollapseWhitespace(raw)), iter: 5_000);
    }

    [Fact]
    public void AnAttributeIsMatchedByItsFullNameOnly()
    {
        var compilation = GeneratorHarness.Compile(
            "namespace A { public class DerivativeOfAttribute : System.Attribute { } }\n"
            + "namespace SymGrad.Models { public class Outer { public class DerivativeOfAttribute : System.Attribute { } } }\n"
            + "public static class C\n{\n"
            + "    [SymGrad.DerivativeOf(\"F\")] public static void Real() { }\n"
            + "    [A.DerivativeOf] public static void Other() { }\n"
            + "    [SymGrad.Models.Outer.DerivativeOf] public static void Nested() { }\n"
            + "    [System.Obsolete] public static void Unrelated() { }\n}\n");
        var type = compilation.GetTypeByMetadataName("C")!;
        bool Matches(string method) => type.GetMembers(method).Single().GetAttributes().Any(a => AttributeMatch.Is(a, "SymGrad.DerivativeOfAttribute"));

        Assert.True(Matches("Real"));
        Assert.False(Matches("Other"));
        Assert.False(Matches("Nested"));
        Assert.False(Matches("Unrelated"));
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
        // Around Roslyn's chunk size (40 Ki characters), below which it keeps one string, and a file the size of GMM's.
        var writer = new IndentedWriter();
        var random = new Random(characters);
        while (writer.Length < characters)
        {
            int length = Math.Min(random.Next(0, 120), characters - writer.Length - 1);
            if (length < 0)
            {
                writer.BlankLine();
                break;
            }

            writer.Line(new string((char)('a' + random.Next(26)), length) + "é");
        }

        string text = writer.ToString();
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
    public void AnEscapedIdentifierLosesItsAtSign(string name, string unescaped) => Assert.Equal(unescaped, NameAllocator.Unescaped(name));
}
