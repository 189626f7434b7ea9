using System;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Hardening;

/// <summary>
/// A project of realistic size for build-time and incrementality measurements: the seed models,
/// the benchmarks' loop models, the consumer tests' branch and elementary models and the samples' models (the consumer tests' LoopModels.cs needs C# 14, which the in-memory Roslyn 4.11 lacks), copied into
/// numbered namespaces until it holds <c>methods</c> <c>[Differentiable]</c> methods (the last copy's
/// surplus methods lose the attribute and stay ordinary code). One source file per copied file, as
/// in a real project. Shared by the build-time benchmark of the fuzzing command and the tests.
/// </summary>
public static class ScaleCompilation
{
    /// <summary>Model files that compile on their own (with SymGrad's attribute and runtime assemblies).</summary>
    public static readonly string[] ModelFiles =
    {
        "samples/SymGrad.Models/Gates.cs",
        "samples/SymGrad.Models/LogisticRegression.cs",
        "samples/SymGrad.Models/LogisticUnit.cs",
        "samples/SymGrad.Models/SoftmaxRegression.cs",
        "samples/SymGrad.Models/TwoLayerNetwork.cs",
        "benchmarks/SymGrad.Benchmarks/Models/LogisticRegression.cs",
        "benchmarks/SymGrad.Benchmarks/Models/ScalarChain.cs",
        "benchmarks/SymGrad.Benchmarks/Models/SoftmaxRegression.cs",
        "benchmarks/SymGrad.Benchmarks/Models/TwoLayerClassifier.cs",
        "tests/SymGrad.Consumer.Tests/BranchModels.cs",
        "tests/SymGrad.Consumer.Tests/ElementaryModels.cs",
        "tests/SymGrad.Consumer.Tests/SoftmaxModels.cs",
        "tests/SymGrad.Consumer.Tests/TieModels.cs",
        "tests/SymGrad.Consumer.Tests/ReviewRegressionModels.cs",
        "samples/SymGrad.Samples/Models/GradientShapes.cs",
        "samples/SymGrad.Samples/Models/PlaneDiscriminant.cs",
        "samples/SymGrad.Samples/Models/ScalarFunctions.cs",
        "samples/SymGrad.Samples/Models/SoftmaxFunction.cs",
    };

    private static readonly Regex Namespace = new(@"^namespace ([\w.]+)(?=\s*[;{])", RegexOptions.Multiline);

    private static readonly Regex Attribute = new(@"\[Differentiable(\([^)]*\))?\]");

    /// <summary>Sources holding exactly <paramref name="methods"/> differentiable methods.</summary>
    public static string[] Sources(int methods = 200)
    {
        string[] originals = ModelFiles.Select(f => File.ReadAllText(RepositoryPaths.Of(f.Split('/')))).ToArray();
        var sources = new List<string>();
        int count = 0;
        for (int copy = 0; count < methods; copy++)
        {
            foreach (string original in originals)
            {
                if (count >= methods)
                {
                    break;
                }

                int remaining = methods - count;
                string renamed = Namespace.Replace(original, m => "namespace " + m.Groups[1].Value + ".Copy" + copy, 1);
                int kept = 0;
                string text = Attribute.Replace(renamed, m => ++kept <= remaining ? m.Value : "/* not differentiated: over the target count */");
                count += Math.Min(kept, remaining);
                sources.Add(text);
            }
        }

        return sources.ToArray();
    }

    /// <summary>
    /// The tree with the result of its first differentiable method scaled by <paramref name="factor"/>
    /// (<c>return e;</c> or <c>=> e;</c> becomes <c>factor.0 * e</c>), as a keystroke in that body would.
    /// </summary>
    public static SyntaxTree EditFirstMethodBody(SyntaxTree tree, int factor)
    {
        string text = tree.ToString();
        int method = text.IndexOf("[Differentiable", StringComparison.Ordinal);
        int arrow = text.IndexOf("=> ", method, StringComparison.Ordinal);
        int ret = text.IndexOf("return ", method, StringComparison.Ordinal);
        int at = arrow >= 0 && (ret < 0 || arrow < ret) ? arrow + "=> ".Length : ret + "return ".Length;
        string edited = text[..at] + factor.ToString(CultureInfo.InvariantCulture) + ".0 * " + text[at..];
        return tree.WithChangedText(SourceText.From(edited));
    }
}
