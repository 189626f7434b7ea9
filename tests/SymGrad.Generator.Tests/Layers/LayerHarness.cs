using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>Runs the lowering of one method without the rest of the pipeline.</summary>
internal static class LayerHarness
{
    public static LoweringResult Lower(string members, string method) =>
        LowerSource("using System;\nusing SymGrad;\npublic static partial class M\n{\n" + members + "\n}\n", method);

    /// <summary>Lowers the method named <paramref name="method"/> of a whole source file (one method of that name in it).</summary>
    public static LoweringResult LowerSource(string source, string method)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        MethodDeclarationSyntax syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        SemanticModel model = compilation.GetSemanticModel(tree);
        IMethodSymbol symbol = model.GetDeclaredSymbol(syntax)!;
        AttributeData attribute = symbol.GetAttributes().Single(a => a.AttributeClass?.Name == "DifferentiableAttribute");
        return MethodLowerer.LowerMethod(symbol, syntax, model, attribute, default);
    }

    public static MethodModel Model(string members, string method) => Checked(Lower(members, method));

    public static MethodModel ModelInSource(string source, string method) => Checked(LowerSource(source, method));

    private static MethodModel Checked(LoweringResult result)
    {
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }
}
